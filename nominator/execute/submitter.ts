/**
 * Signs and sends one batch and follows it until it is in a finalized block: an explicit nonce per signer
 * (`system_accountNextIndex`), a mortal era born at the finalized head, the configured tip. The signed bytes are
 * recorded before they are sent, so a restart follows the same transaction instead of signing another; a
 * transaction the pool refused, or that expired without landing in a finalized block, is signed again (a new
 * attempt) up to the configured limit. Only finalized blocks are read: a reorg before finality changes nothing
 * here, and the same bytes are sent again while their nonce is unused. A transaction is given up only when it cannot
 * land any more: expired, or its nonce used in a finalized block that does not hold it. An answer to a send is not
 * enough: when a reply is lost, the bytes may be in a block already ("outdated" to the next send).
 */
import type {ApiPromise} from '@polkadot/api'
import type {KeyringPair} from '@polkadot/keyring/types'
import type {Logger} from '@subsquid/logger'
import type {Call} from '../round/plan'
import type {ExtrinsicItem, ExtrinsicRecord, NominatorStore} from '../store/nominator-store'
import {connected} from '../chain/staking-chain'
import {runtimeCall} from './extrinsic-call'
import {extrinsicOutcome, type EventLike, type ExtrinsicOutcome} from './extrinsic-outcome'

export interface SubmissionPolicy {
    tipPlanck: bigint
    mortalityBlocks: number
    pollIntervalMs: number
    retryMinDelayMs: number
    retryMaxDelayMs: number
    maxAttempts: number
}

export type Landing =
    | {kind: 'finalized'; txHash: string; block: {number: number; hash: string}; outcome: ExtrinsicOutcome}
    /** Never landed: refused by the pool or expired, `maxAttempts` times. */
    | {kind: 'notIncluded'; reason: string}

/** Back-off before retry `attempt` (0-based): doubling from the minimum, capped at the maximum. */
export function retryDelayMs(attempt: number, minMs: number, maxMs: number): number {
    return Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30))
}

export class Stopped extends Error {
    constructor() {
        super('the nominator is stopping')
    }
}

/**
 * Pool answers that mean the transaction is (or may be) known: follow it rather than sign again. "Outdated" says
 * its nonce is used, possibly by these very bytes, sent before with the reply lost: following tells.
 */
function poolKnowsIt(message: string): boolean {
    return /already imported|Transaction is outdated|Priority is too low|1013/i.test(message)
}

/** Pool answers that refuse the transaction for good (this version of it cannot land). */
function poolRefused(message: string): boolean {
    return /^(1010|1011|1012|1014)\b|Invalid Transaction|Usurped|Dropped/i.test(message)
}

export class Submitter {
    private stopping = false

    constructor(
        private readonly api: ApiPromise,
        private readonly url: string,
        private readonly store: NominatorStore,
        private readonly policy: SubmissionPolicy,
        private readonly log: Logger,
    ) {}

    stop(): void {
        this.stopping = true
    }

    /** Signs, records, sends and follows `call` until it lands in a finalized block or gives up. */
    async submit(
        roundId: string,
        purpose: ExtrinsicRecord['purpose'],
        pair: KeyringPair,
        call: Call,
        items: ExtrinsicItem[],
        onRecorded: (txHash: string) => Promise<void>,
        firstAttempt = 1,
    ): Promise<Landing> {
        runtimeCall(this.api, call) // a call the runtime cannot build fails here, before anything is recorded
        let reason = 'not sent'
        for (let attempt = firstAttempt; attempt <= this.policy.maxAttempts; attempt++) {
            const record = await this.retrying('sign', () => this.sign(roundId, purpose, pair, call, items, attempt))
            await this.store.recordExtrinsic(record)
            await onRecorded(record.txHash)
            const landing = await this.follow(record, true)
            if (landing.kind === 'finalized') return landing
            reason = landing.reason
            this.log.warn(`${purpose} batch of ${pair.address} (round ${roundId}), attempt ${attempt}: ${reason}`)
            await this.sleep(retryDelayMs(attempt - 1, this.policy.retryMinDelayMs, this.policy.retryMaxDelayMs))
        }
        return {kind: 'notIncluded', reason: `${reason} (after ${this.policy.maxAttempts} attempts)`}
    }

    private async sign(
        roundId: string,
        purpose: ExtrinsicRecord['purpose'],
        pair: KeyringPair,
        call: Call,
        items: ExtrinsicItem[],
        attempt: number,
    ): Promise<ExtrinsicRecord> {
        const api = this.api
        const nonce = (await api.rpc.system.accountNextIndex(pair.address)).toNumber()
        const birthHash = await api.rpc.chain.getFinalizedHead()
        const birth = (await api.rpc.chain.getHeader(birthHash)).number.toNumber()
        const era = api.registry.createType('ExtrinsicEra', {current: birth, period: this.policy.mortalityBlocks})
        const tx = runtimeCall(api, call)
        await tx.signAsync(pair, {nonce, era, blockHash: birthHash, tip: this.policy.tipPlanck})
        return {
            txHash: tx.hash.toHex(),
            roundId,
            signer: pair.address,
            purpose,
            call,
            items,
            hex: tx.toHex(),
            nonce,
            birthBlock: birth,
            mortalUntilBlock: era.asMortalEra.death(birth),
            attempt,
            status: 'submitted',
        }
    }

    /**
     * Follows a recorded extrinsic through the finalized blocks of its mortality window and writes its end to the
     * store. `fresh`: these bytes were never sent, so a refusal means this version cannot land.
     */
    async follow(record: ExtrinsicRecord, fresh: boolean): Promise<Landing | {kind: 'retry'; reason: string}> {
        const sent = await this.send(record)
        if (sent !== 'sent' && fresh) {
            await this.store.finishExtrinsic(record.txHash, 'refused', null, sent)
            return {kind: 'retry', reason: `refused by the pool: ${sent}`}
        }
        let next = record.birthBlock + 1
        for (;;) {
            const head = await this.retrying('finalized head', async () => {
                const hash = await this.api.rpc.chain.getFinalizedHead()
                return {hash, number: (await this.api.rpc.chain.getHeader(hash)).number.toNumber()}
            })
            const finalized = head.number
            for (; next <= finalized && next < record.mortalUntilBlock; next++) {
                const found = await this.retrying(`block ${next}`, () => this.findIn(next, record))
                if (found) {
                    const status = found.outcome.success ? 'landed' : 'failed'
                    await this.store.finishExtrinsic(record.txHash, status, found.block, found.outcome.error)
                    return {kind: 'finalized', txHash: record.txHash, block: found.block, outcome: found.outcome}
                }
            }
            if (next > finalized) {
                // Every finalized block it could be in was read: once its nonce is used there, it never landed.
                const nonce = await this.retrying('finalized nonce', async () =>
                    ((await (await this.api.at(head.hash)).query.system.account(record.signer)) as any).nonce.toNumber(),
                )
                if (nonce > record.nonce) {
                    const why = `its nonce ${record.nonce} was used by another transaction (finalized block ${finalized})`
                    await this.store.finishExtrinsic(record.txHash, 'expired', null, why)
                    return {kind: 'retry', reason: why}
                }
            }
            if (next >= record.mortalUntilBlock) {
                await this.store.finishExtrinsic(
                    record.txHash,
                    'expired',
                    null,
                    `not in a finalized block before block ${record.mortalUntilBlock}`,
                )
                return {kind: 'retry', reason: `expired at block ${record.mortalUntilBlock} without landing in a finalized block`}
            }
            // Not in the pool nor in the best chain (dropped, or lost with a reorged block): the same bytes again.
            const nextIndex = await this.retrying('account nonce', async () =>
                (await this.api.rpc.system.accountNextIndex(record.signer)).toNumber(),
            )
            if (nextIndex <= record.nonce) await this.send(record)
            await this.sleep(this.policy.pollIntervalMs)
        }
    }

    /** 'sent', or the pool's refusal. Connection errors and other RPC errors are retried with back-off. */
    private async send(record: ExtrinsicRecord): Promise<'sent' | string> {
        for (let retry = 0; ; retry++) {
            this.checkStopping()
            try {
                await connected(this.api, this.log, this.url)
                await this.api.rpc.author.submitExtrinsic(record.hex)
                return 'sent'
            } catch (e) {
                const message = (e as Error).message ?? String(e)
                if (poolKnowsIt(message)) return 'sent'
                if (poolRefused(message)) return message
                this.log.warn(`sending ${record.txHash}: ${message}; retrying`)
                await this.sleep(retryDelayMs(retry, this.policy.retryMinDelayMs, this.policy.retryMaxDelayMs))
            }
        }
    }

    private async findIn(
        n: number,
        record: ExtrinsicRecord,
    ): Promise<{block: {number: number; hash: string}; outcome: ExtrinsicOutcome} | null> {
        const api = this.api
        const hash = await api.rpc.chain.getBlockHash(n)
        const block = await api.rpc.chain.getBlock(hash)
        const index = block.block.extrinsics.findIndex(x => x.hash.toHex() === record.txHash)
        if (index < 0) return null
        const at = await api.at(hash)
        const records = (await at.query.system.events()) as any
        const events: EventLike[] = records
            .filter((r: any) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index)
            .map((r: any) => ({section: r.event.section, method: r.event.method, data: [...r.event.data]}))
        return {block: {number: n, hash: hash.toHex()}, outcome: extrinsicOutcome(api.registry, record.call, events)}
    }

    /** Runs an RPC read until it answers: waits for the connection, backs off on errors. */
    private async retrying<T>(what: string, f: () => Promise<T>): Promise<T> {
        for (let retry = 0; ; retry++) {
            this.checkStopping()
            try {
                await connected(this.api, this.log, this.url)
                return await f()
            } catch (e) {
                if (e instanceof Stopped) throw e
                this.log.warn(`${what}: ${(e as Error).message}; retrying`)
                await this.sleep(retryDelayMs(retry, this.policy.retryMinDelayMs, this.policy.retryMaxDelayMs))
            }
        }
    }

    private checkStopping(): void {
        if (this.stopping) throw new Stopped()
    }

    private sleep(ms: number): Promise<void> {
        this.checkStopping()
        return new Promise(resolve => setTimeout(resolve, ms))
    }
}
