/**
 * One check of the nominator, the adapter around the pure round: follow the transactions a previous run left
 * in flight, send the batches of a recorded round not yet sent, read the chain, decide whether a round starts
 * (and record it before signing anything), execute, remove or cancel pending announcements, and write each
 * account's status. Every failure is recorded against its round and account.
 */
import type {ApiPromise} from '@polkadot/api'
import type {Logger} from '@subsquid/logger'
import type {Config} from '../config/load'
import type {AccountTargets, NotifyEvent} from '../notify/events'
import {connected} from './chain/staking-chain'
import {readChainSnapshot, type ChainSnapshot} from './chain/round-chain-state'
import {callHash} from './execute/extrinsic-call'
import {Stopped, Submitter, type Landing} from './execute/submitter'
import type {RoundInputSource} from './inputs/round-inputs'
import {decideAnnouncement, planAnnouncementCalls, type AnnouncementDecision, type PendingAnnouncement} from './round/announcement'
import {nominate, planRound, type RoundPlan} from './round/plan'
import {inputHash, policyHash, selectionInput, serialiseSnapshot, type RoundInput} from './round/snapshot'
import {ACCOUNT_STATE_LABEL, accountReasonText, decideRound, gateText, type TriggerDecision} from './round/trigger'
import {select} from './selection/select'
import type {Signers} from './signing-accounts'
import type {AnnouncementRecord, ExtrinsicItem, NominationRecord, NominatorStore, RoundRecord} from './store/nominator-store'

export interface NominatorDeps {
    api: ApiPromise
    url: string
    store: NominatorStore
    inputs: RoundInputSource
    signers: Signers
    config: Pick<Config, 'nominator' | 'ss58Prefix'>
    log: Logger
    /** Told rounds decided and landed, announcements executed or cancelled, and failures; must not block. */
    notify?: (event: NotifyEvent) => void
}

export interface CheckReport {
    decision: TriggerDecision
    /** The round recorded by this check, if one started. */
    roundId: string | null
    announcements: {stash: string; callHash: string; decision: AnnouncementDecision}[]
}

export class Nominator {
    readonly submitter: Submitter
    private readonly cfg: Config['nominator']
    /** Rounds whose landing this process has announced in the log. */
    private readonly landedRounds = new Set<string>()
    /** The error of the last check, when it failed (told once). */
    private lastCheckFailure: string | undefined
    /** The candidates' names of the latest scorer pass, for notifications. */
    private names: ReadonlyMap<string, string> = new Map()

    constructor(private readonly d: NominatorDeps) {
        this.cfg = d.config.nominator
        this.submitter = new Submitter(d.api, d.url, d.store, d.config.nominator.submission, d.log)
    }

    stop(): void {
        this.submitter.stop()
    }

    /**
     * One check. A check that fails is told, once until a check succeeds: a node or database down for an hour
     * fails every check the same way.
     */
    async check(): Promise<CheckReport> {
        try {
            const report = await this.checkOnce()
            this.lastCheckFailure = undefined
            return report
        } catch (e) {
            if (!(e instanceof Stopped)) {
                const message = e instanceof Error ? e.message : String(e)
                if (message !== this.lastCheckFailure) this.tell({kind: 'nominatorFailed', error: `check failed: ${message}`})
                this.lastCheckFailure = message
            }
            throw e
        }
    }

    private async checkOnce(): Promise<CheckReport> {
        const {api, store, log} = this.d
        await connected(api, log, this.d.url)
        await this.resumeExtrinsics()
        for (const round of await store.openRounds()) await this.sendRound(round)

        let chain = await this.readChain()
        const pass = await this.d.inputs.scorerPass(chain.currentEra, chain)
        if (pass?.names) this.names = pass.names
        const decision = decideRound({
            currentEra: chain.currentEra,
            validCandidates: pass && pass.candidates.length,
            lastRoundEra: await store.lastRoundEra(),
            accounts: this.d.signers.accounts.map(a => {
                const c = chain.accounts.find(x => x.stash === a.stash)!
                return {
                    name: a.name,
                    stash: a.stash,
                    bondedPlanck: c.bondedPlanck,
                    submittedIn: c.submittedIn,
                    signerFreePlanck: c.signerFreePlanck,
                    pendingAnnouncements: chain.announcements.filter(x => x.signer === a.signer && x.stash === a.stash).length,
                }
            }),
            policy: {...this.cfg, enabled: this.cfg.enabled},
        })
        let roundId: string | null = null
        if (decision.gate.kind === 'start' && pass) {
            const round = await this.recordRound(chain, decision, pass.candidates, pass.seed)
            roundId = round.id
            if (!round.dryRun) {
                await this.sendRound(round)
                chain = await this.readChain()
            }
        } else {
            log.info(`no round: ${gateText(decision.gate)}`)
        }
        const announcements = await this.handleAnnouncements(chain)
        await this.writeStatus(chain, decision)
        return {decision, roundId, announcements}
    }

    private readChain(): Promise<ChainSnapshot> {
        return readChainSnapshot(this.d.api, this.d.signers.accounts, this.d.config.ss58Prefix, this.cfg.maxTargets)
    }

    /** Records the round (once per era) with its nominations and announcements, before anything is signed. */
    private async recordRound(
        chain: ChainSnapshot,
        decision: TriggerDecision,
        candidates: RoundInput['candidates'],
        seed: string | null,
    ): Promise<RoundRecord> {
        const {api, store, log, signers} = this.d
        const due = new Set(decision.gate.kind === 'start' ? decision.gate.due : [])
        const input: RoundInput = {
            chain: {
                blockNumber: chain.blockNumber,
                blockHash: chain.blockHash,
                currentEra: chain.currentEra,
                activeEra: chain.activeEra,
                maxNominations: chain.maxNominations,
                electedExposuresPlanck: chain.electedExposuresPlanck,
            },
            candidates,
            accounts: signers.accounts
                .filter(a => due.has(a.stash))
                .map(a => ({
                    name: a.name,
                    stash: a.stash,
                    mode: a.mode,
                    signer: a.signer,
                    bondedPlanck: chain.accounts.find(c => c.stash === a.stash)!.bondedPlanck ?? 0n,
                })),
            heldTargets: chain.accounts
                .filter(a => !due.has(a.stash) && a.targets.length > 0)
                .map(a => ({stash: a.stash, targets: a.targets})),
            policy: {
                maxTargets: this.cfg.maxTargets,
                balanceBuffer: this.cfg.balanceBuffer,
                caps: this.cfg.caps,
                ampleBackingPlanck: this.cfg.ampleBackingPlanck,
            },
        }
        const hash = inputHash(input)
        const selection = select(selectionInput(input))
        const plan = planRound(hash, input.accounts, selection)
        const id = String(chain.currentEra)
        const dryRun = this.cfg.dryRun || !this.cfg.enabled
        const nominations: NominationRecord[] = []
        const announcements: AnnouncementRecord[] = []
        for (const s of selection.accounts) {
            if (s.targets.length === 0) continue
            const account = input.accounts.find(a => a.stash === s.stash)!
            const n: NominationRecord = {
                id: `${id}:${s.stash}`,
                roundId: id,
                account: s.name,
                stash: s.stash,
                signer: account.signer,
                mode: account.mode,
                targets: s.targets,
                callHash: callHash(api, nominate(s.targets)),
                txHash: null,
                blockNumber: null,
                blockHash: null,
                finalized: false,
                status: dryRun ? 'dryRun' : 'planned',
                error: null,
            }
            nominations.push(n)
            if (account.mode === 'delayedProxy' && !dryRun) {
                announcements.push({
                    id: n.id,
                    nominationId: n.id,
                    signer: n.signer,
                    stash: n.stash,
                    callHash: n.callHash,
                    targets: n.targets,
                    announcedTxHash: null,
                    announcedBlock: null,
                    status: 'pending',
                    reason: null,
                })
            }
        }
        const {inserted, round} = await store.insertRound(
            {
                id,
                era: chain.currentEra,
                trigger: {gate: decision.gate, accounts: decision.accounts},
                inputSnapshot: serialiseSnapshot(input),
                inputHash: hash,
                policyHash: policyHash(input),
                seed,
                candidates: {
                    accounts: selection.accounts.map(a => ({name: a.name, stash: a.stash, count: a.count, considered: a.considered})),
                    belowCut: selection.belowCut,
                },
                targets: selection.accounts.map(a => ({name: a.name, stash: a.stash, targets: a.targets})),
                plan,
                dryRun,
                status: dryRun ? 'dryRun' : 'planned',
            },
            nominations,
            announcements,
        )
        if (inserted)
            this.tell({
                kind: 'roundDecided',
                era: round.era,
                inputHash: round.inputHash,
                dryRun: round.dryRun,
                accounts: nominations.map(n => this.accountTargets(n)),
            })
        log.info(
            `${inserted ? 'recorded' : 'found'} round ${round.id} (input ${round.inputHash}${round.dryRun ? ', dry run: nothing is signed' : ''})`,
        )
        return round
    }

    /** Sends each batch of the round none of whose nominations was sent yet, and follows it to finality. */
    private async sendRound(round: RoundRecord): Promise<void> {
        const {store, signers, log} = this.d
        const plan = round.plan as RoundPlan
        const nominations = await store.nominationsOfRound(round.id)
        await store.setRoundStatus(round.id, 'submitting')
        for (const batch of plan.batches) {
            const ofBatch = batch.stashes.map(stash => nominations.find(n => n.stash === stash)!)
            if (ofBatch.some(n => n.status !== 'planned')) continue
            const items: ExtrinsicItem[] = [
                {kind: 'remark'},
                ...ofBatch.map(
                    (n): ExtrinsicItem =>
                        n.mode === 'delayedProxy' ? {kind: 'announce', announcementId: n.id} : {kind: 'nominate', nominationId: n.id},
                ),
            ]
            log.info(`round ${round.id}: sending the batch of ${batch.signer} for ${batch.stashes.join(', ')}`)
            const landing = await this.submitter.submit(
                round.id,
                'round',
                signers.pairOf(batch.signer),
                batch.call,
                items,
                async txHash => {
                    for (const n of ofBatch) await store.updateNomination(n.id, {status: 'submitted', txHash})
                    for (const n of ofBatch) if (n.mode === 'delayedProxy') await store.updateAnnouncement(n.id, {announcedTxHash: txHash})
                },
            )
            await this.applyLanding(items, landing)
        }
        await this.settle(round.id)
    }

    /**
     * Settles the round's status once nothing of it is in flight, and says once per round, in one line, when its
     * nominations have landed in finalized blocks (the first round since start says so: a newcomer watches for it).
     */
    private async settle(roundId: string): Promise<void> {
        const {store, log} = this.d
        if ((await store.settleRound(roundId)) === null || this.landedRounds.has(roundId)) return
        const landed = (await store.nominationsOfRound(roundId)).filter(n => n.status === 'done')
        if (landed.length === 0) return
        const first = this.landedRounds.size === 0
        this.landedRounds.add(roundId)
        const each = landed.map(
            n =>
                `${n.account} nominates ${n.targets.length} target(s), finalized${n.blockNumber === null ? '' : ` in block #${n.blockNumber}`}`,
        )
        log.info(`${first ? 'first round landed' : 'round landed'}: era ${roundId}, ${each.join('; ')}`)
        const round = this.d.notify && (await store.round(roundId))
        if (round)
            this.tell({
                kind: 'roundLanded',
                era: round.era,
                inputHash: round.inputHash,
                blockNumber: Math.max(...landed.map(n => n.blockNumber ?? 0)),
                accounts: landed.map(n => this.accountTargets(n)),
            })
    }

    private accountTargets(n: NominationRecord): AccountTargets {
        const targets = n.targets.map(stash => {
            const name = this.names.get(stash)
            return name === undefined ? {stash} : {stash, name}
        })
        return {account: n.account, address: n.stash, targets}
    }

    private tell(event: NotifyEvent): void {
        this.d.notify?.(event)
    }

    /** A failed call of the batch for a nomination or announcement (ids are `<era>:<stash>`), told with its error. */
    private tellFailure(recordId: string, error: string | null): void {
        const [era, stash] = recordId.split(':')
        this.tell({kind: 'nominatorFailed', account: this.accountName(stash), era: Number(era), error: error ?? 'the call failed'})
    }

    private accountName(stash: string): string {
        return this.d.signers.accounts.find(a => a.stash === stash)?.name ?? stash
    }

    private async tellAnnouncement(id: string, outcome: {executedIn?: number} | {reason: string}): Promise<void> {
        if (!this.d.notify) return
        const a = await this.d.store.announcement(id)
        if (!a) return
        const account = this.accountName(a.stash)
        this.tell(
            'reason' in outcome
                ? {kind: 'announcementCancelled', account, callHash: a.callHash, reason: outcome.reason}
                : {kind: 'announcementExecuted', account, callHash: a.callHash, blockNumber: outcome.executedIn},
        )
    }

    /** Extrinsics recorded as sent but not seen landing (the previous run stopped): follow them, sign again if they expired. */
    private async resumeExtrinsics(): Promise<void> {
        for (const e of await this.d.store.extrinsics(['submitted'])) {
            this.d.log.info(`following ${e.purpose} extrinsic ${e.txHash} of ${e.signer} left in flight`)
            let landing: Landing | {kind: 'retry'; reason: string} = await this.submitter.follow(e, false)
            if (landing.kind === 'retry') {
                // Announcement batches are decided again from the chain at the next check; a round's batch is due now.
                if (e.purpose !== 'round') continue
                landing =
                    e.attempt >= this.cfg.submission.maxAttempts
                        ? {kind: 'notIncluded', reason: landing.reason}
                        : await this.submitter.submit(
                              e.roundId,
                              e.purpose,
                              this.d.signers.pairOf(e.signer),
                              e.call,
                              e.items,
                              async txHash => {
                                  for (const i of e.items)
                                      if (i.kind === 'nominate') await this.d.store.updateNomination(i.nominationId, {txHash})
                              },
                              e.attempt + 1,
                          )
            }
            await this.applyLanding(e.items, landing)
            await this.settle(e.roundId)
        }
    }

    /** Writes what each call of a batch did into its nomination or announcement. */
    private async applyLanding(items: ExtrinsicItem[], landing: Landing): Promise<void> {
        const {store} = this.d
        const rounds = new Set<string>()
        for (let i = 0; i < items.length; i++) {
            const item = items[i]
            if (item.kind === 'remark') continue
            if (landing.kind === 'notIncluded') {
                const error = `not included: ${landing.reason}`
                const id = item.kind === 'nominate' ? item.nominationId : item.announcementId
                if (id) this.tellFailure(id, error)
                if (item.kind === 'nominate') await store.updateNomination(item.nominationId, {status: 'failed', error})
                else if (item.kind === 'announce') {
                    await store.updateAnnouncement(item.announcementId, {status: 'failed', reason: error})
                    await store.updateNomination(item.announcementId, {status: 'failed', error})
                } else if (item.announcementId) await store.updateAnnouncement(item.announcementId, {reason: error})
                continue
            }
            const {outcome, block, txHash} = landing
            const result = outcome.items[i]
            // Where a nomination's outcome was read: only finalized blocks are.
            const landedIn = {txHash, blockNumber: block.number, blockHash: block.hash, finalized: true}
            switch (item.kind) {
                case 'nominate':
                    await store.updateNomination(
                        item.nominationId,
                        result.ok ? {status: 'done', ...landedIn, error: null} : {status: 'failed', ...landedIn, error: result.error},
                    )
                    if (!result.ok) this.tellFailure(item.nominationId, result.error)
                    rounds.add(item.nominationId.split(':')[0])
                    break
                case 'announce':
                    if (result.ok) {
                        await store.updateAnnouncement(item.announcementId, {
                            status: 'announced',
                            announcedTxHash: txHash,
                            announcedBlock: block.number,
                        })
                        await store.updateNomination(item.announcementId, {status: 'announced', error: null})
                    } else {
                        this.tellFailure(item.announcementId, result.error)
                        await store.updateAnnouncement(item.announcementId, {status: 'failed', reason: result.error})
                        await store.updateNomination(item.announcementId, {status: 'failed', ...landedIn, error: result.error})
                    }
                    break
                case 'execute':
                    if (result.ok) {
                        await store.updateAnnouncement(item.announcementId, {
                            status: 'executed',
                            executedTxHash: txHash,
                            executedBlock: block.number,
                            reason: null,
                        })
                        await store.updateNomination(item.announcementId, {status: 'done', ...landedIn, error: null})
                        await this.tellAnnouncement(item.announcementId, {executedIn: block.number})
                    } else if (outcome.success) {
                        this.tellFailure(item.announcementId, result.error)
                        // The announcement was consumed; the nomination inside it failed.
                        await store.updateAnnouncement(item.announcementId, {
                            status: 'failed',
                            executedTxHash: txHash,
                            executedBlock: block.number,
                            reason: result.error,
                        })
                        await store.updateNomination(item.announcementId, {status: 'failed', ...landedIn, error: result.error})
                    } else {
                        this.tellFailure(item.announcementId, `execution failed: ${result.error}`)
                        await store.updateAnnouncement(item.announcementId, {reason: `execution failed: ${result.error}`})
                    }
                    rounds.add(item.announcementId.split(':')[0])
                    break
                case 'remove':
                    if (!item.announcementId) break
                    if (result.ok) {
                        await store.updateAnnouncement(item.announcementId, {
                            status: item.status,
                            reason: item.reason,
                            closedTxHash: txHash,
                            closedBlock: block.number,
                        })
                        await store.updateNomination(item.announcementId, {
                            status: 'cancelled',
                            error: `announcement ${item.status}: ${item.reason}`,
                        })
                        await this.tellAnnouncement(item.announcementId, {reason: item.reason})
                    } else {
                        this.tellFailure(item.announcementId, `removal failed: ${result.error}`)
                        await store.updateAnnouncement(item.announcementId, {reason: `removal failed: ${result.error}`})
                    }
                    rounds.add(item.announcementId.split(':')[0])
                    break
            }
        }
        for (const r of rounds) await this.settle(r)
    }

    /** Decides every pending announcement of our signers and sends the executions and removals. */
    private async handleAnnouncements(chain: ChainSnapshot): Promise<CheckReport['announcements']> {
        const {store, log} = this.d
        const ours = await store.announcements(['announced'])
        const onChain = (r: AnnouncementRecord) =>
            chain.announcements.some(a => a.signer === r.signer && a.stash === r.stash && a.callHash === r.callHash)
        for (const r of ours.filter(r => !onChain(r))) {
            // Gone without a transaction of ours (anyone may call proxyAnnounced; the proxy may have removed it).
            const account = chain.accounts.find(a => a.stash === r.stash)
            const executed = account !== undefined && sameTargets(account.targets, r.targets)
            await store.updateAnnouncement(r.id, {
                status: executed ? 'executed' : 'cancelled',
                reason: executed ? 'executed by another transaction' : 'no longer on chain',
            })
            await store.updateNomination(
                r.id,
                executed ? {status: 'done', finalized: true, error: null} : {status: 'cancelled', error: 'announcement no longer on chain'},
            )
            await this.tellAnnouncement(r.id, executed ? {} : {reason: 'no longer on chain, removed by another transaction'})
            await this.settle(r.id.split(':')[0])
        }
        if (chain.announcements.length === 0) return []
        const pending: (PendingAnnouncement & {recordId: string | null})[] = []
        for (const a of chain.announcements) {
            const r = ours.find(x => x.signer === a.signer && x.stash === a.stash && x.callHash === a.callHash) ?? null
            pending.push({
                ...a,
                targets: r?.targets ?? null,
                roundInputHash: r ? await store.roundInputHashOfNomination(r.nominationId) : null,
                recordId: r?.id ?? null,
            })
        }
        const validity = await this.d.inputs.targetValidity([...new Set(pending.flatMap(p => p.targets ?? []))])
        const decided = pending.map(p => {
            const delayBlocks =
                chain.accounts.find(a => a.stash === p.stash && a.signer === p.signer)?.proxyDelayBlocks ??
                this.cfg.announcement.delayBlocks
            return {announcement: p, decision: decideAnnouncement(p, chain.blockNumber, validity, {...this.cfg.announcement, delayBlocks})}
        })
        for (const {announcement: a, decision} of decided)
            log.info(
                `announcement ${a.callHash} of ${a.signer} for ${a.stash}: ${decision.action}${'reason' in decision ? ` (${decision.reason})` : ''}`,
            )
        if (this.cfg.dryRun || !this.cfg.enabled)
            return decided.map(d => ({stash: d.announcement.stash, callHash: d.announcement.callHash, decision: d.decision}))
        for (const batch of planAnnouncementCalls(decided)) {
            const mine = decided.filter(d => d.announcement.signer === batch.signer && d.decision.action !== 'wait')
            const remarks = new Set(
                mine.filter(d => d.decision.action === 'execute' && d.announcement.roundInputHash).map(d => d.announcement.roundInputHash),
            )
            const items: ExtrinsicItem[] = [...remarks].map(() => ({kind: 'remark'}) as const)
            for (const {announcement: a, decision} of mine) {
                if (decision.action === 'execute') items.push({kind: 'execute', announcementId: a.recordId!})
                else
                    items.push({
                        kind: 'remove',
                        announcementId: a.recordId,
                        status: decision.action === 'remove' ? 'removed' : 'cancelled',
                        reason: removalReason(decision),
                    })
            }
            const roundId = mine.map(d => d.announcement.recordId?.split(':')[0]).find(x => x) ?? String(chain.currentEra)
            if (!(await store.round(roundId))) continue // an unknown announcement outside any round of ours: nothing to attach its record to
            const landing = await this.submitter.submit(
                roundId,
                'announcements',
                this.d.signers.pairOf(batch.signer),
                batch.call,
                items,
                async () => {},
            )
            await this.applyLanding(items, landing)
        }
        return decided.map(d => ({stash: d.announcement.stash, callHash: d.announcement.callHash, decision: d.decision}))
    }

    private async writeStatus(chain: ChainSnapshot, decision: TriggerDecision): Promise<void> {
        await this.d.store.writeStatus(
            this.d.signers.accounts.map(a => {
                const status = decision.accounts.find(s => s.stash === a.stash)!
                const c = chain.accounts.find(x => x.stash === a.stash)!
                const pending = chain.announcements.find(x => x.signer === a.signer && x.stash === a.stash)
                const delay = c.proxyDelayBlocks ?? this.cfg.announcement.delayBlocks
                return {
                    stash: a.stash,
                    account: a.name,
                    signer: a.signer,
                    mode: a.mode,
                    state: ACCOUNT_STATE_LABEL[status.state],
                    reason: accountReasonText(status.reason),
                    bondedPlanck: c.bondedPlanck,
                    lastNominationEra: c.submittedIn,
                    currentTargets: c.targets,
                    stale: status.stale,
                    dryRun: this.cfg.dryRun,
                    round: gateText(decision.gate),
                    pendingCallHash: pending?.callHash ?? null,
                    pendingAnnouncedBlock: pending?.announcedAtBlock ?? null,
                    pendingExecutableBlock: pending ? pending.announcedAtBlock + delay : null,
                }
            }),
        )
    }
}

function sameTargets(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && [...a].sort().every((t, i) => t === [...b].sort()[i])
}

function removalReason(decision: AnnouncementDecision): string {
    switch (decision.action) {
        case 'remove':
            return `targets no longer valid: ${decision.invalidTargets.join(', ')}`
        case 'cancel':
            return decision.reason === 'blacklisted'
                ? 'call hash blacklisted (nominator.announcement.blacklistedCallHashes)'
                : `expired: announced ${decision.ageBlocks} blocks ago`
        default:
            return decision.action
    }
}
