/**
 * GraphQL query `candidateValidity`: why a candidate is valid, invalid or unknown, in one call: its verdict,
 * every check's current status with evidence and sentence, its latest check flips and the last pass.
 */
import 'reflect-metadata'
import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {BadInputError} from '../../graphql/arguments'

/** Most flips one answer lists. */
const MAX_CHANGES = 500

@ObjectType({description: "A check's current state for the candidate"})
export class CandidateCheckState {
    @Field() check!: string
    @Field({description: 'valid, invalid or unknown, after hysteresis'}) status!: string
    @Field() sentence!: string
    @Field({description: 'JSON: {code, source, layer, block, era, atMs, observed, threshold}'}) evidence!: string
    @Field() since!: Date
    @Field({nullable: true, description: 'a different result seen on the latest passes, not yet held long enough to flip to'})
    pendingStatus?: string
    @Field(() => Int, {nullable: true}) pendingCount?: number
    @Field({nullable: true}) pendingSentence?: string
}

@ObjectType({description: "A check's status flip"})
export class CandidateCheckFlip {
    @Field() check!: string
    @Field({nullable: true, description: "null: the check's first result"}) fromStatus?: string
    @Field() toStatus!: string
    @Field() sentence!: string
    @Field() at!: Date
}

@ObjectType()
export class CandidateValidity {
    @Field() name!: string
    @Field({description: 'SS58'}) stash!: string
    @Field({description: '0x hex public key'}) stashPublicKey!: string
    @Field({description: 'the candidate is no longer in the list'}) removed!: boolean
    @Field({nullable: true, description: 'valid, invalid or unknown; null before the first pass'}) verdict?: string
    @Field({nullable: true}) verdictSince?: Date
    @Field({nullable: true, description: 'the verdict is the last known one, kept while some checks are unknown'}) verdictHeld?: boolean
    @Field(() => [String]) invalidChecks!: string[]
    @Field(() => [String]) unknownChecks!: string[]
    @Field({nullable: true, description: 'the pass that gave these results'}) checkedAt?: Date
    @Field(() => [CandidateCheckState], {description: 'invalid checks first, then unknown, then valid'}) checks!: CandidateCheckState[]
    @Field(() => [CandidateCheckFlip], {description: 'latest first'}) changes!: CandidateCheckFlip[]
}

interface CheckRow {
    check: string
    status: string
    sentence: string
    evidence: unknown
    since: Date
    pending_status: string | null
    pending_count: number | null
    pending_sentence: string | null
}

interface FlipRow {
    check: string
    from_status: string | null
    to_status: string
    sentence: string
    at: Date
}

const STATUS_ORDER = `CASE status WHEN 'invalid' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END`

@Resolver()
export class CandidateValidityResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => CandidateValidity, {
        nullable: true,
        description:
            'Why a candidate is valid, invalid or unknown: its verdict, every check with evidence and sentence, and its latest check flips. Null when no candidate matches.',
    })
    async candidateValidity(
        @Arg('candidate', {description: 'stash (SS58 or 0x hex public key) or name'}) candidate: string,
        @Arg('changes', () => Int, {defaultValue: 20, description: 'how many of the latest flips to list'}) changes: number,
    ): Promise<CandidateValidity | null> {
        if (changes < 0 || changes > MAX_CHANGES) throw new BadInputError(`changes: expected 0 to ${MAX_CHANGES}, got ${changes}`)
        if (!candidate.trim()) throw new BadInputError('candidate: expected a stash or a name')
        const em = await this.tx()
        const c = (
            await em.query(
                `SELECT id, name, stash, removed_at, verdict, verdict_since, verdict_held, invalid_checks, unknown_checks, checked_at FROM candidate
            WHERE id = lower($1) OR stash = $1 OR name = $1 ORDER BY removed_at IS NOT NULL, id LIMIT 1`,
                [candidate],
            )
        )[0]
        if (!c) return null
        const checks: CheckRow[] = await em.query(
            `SELECT "check", status, sentence, evidence, since, pending_status, pending_count, pending_sentence FROM validity_check
            WHERE candidate_id = $1 ORDER BY ${STATUS_ORDER}, "check"`,
            [c.id],
        )
        const flips: FlipRow[] = await em.query(
            `SELECT "check", from_status, to_status, sentence, at FROM validity_change WHERE candidate_id = $1 ORDER BY at DESC, "check" LIMIT $2`,
            [c.id, changes],
        )
        return {
            name: c.name,
            stash: c.stash,
            stashPublicKey: c.id,
            removed: c.removed_at !== null,
            verdict: c.verdict ?? undefined,
            verdictSince: c.verdict_since ?? undefined,
            verdictHeld: c.verdict_held ?? undefined,
            invalidChecks: c.invalid_checks ?? [],
            unknownChecks: c.unknown_checks ?? [],
            checkedAt: c.checked_at ?? undefined,
            checks: checks.map(r => ({
                check: r.check,
                status: r.status,
                sentence: r.sentence,
                evidence: JSON.stringify(r.evidence),
                since: r.since,
                pendingStatus: r.pending_status ?? undefined,
                pendingCount: r.pending_count ?? undefined,
                pendingSentence: r.pending_sentence ?? undefined,
            })),
            changes: flips.map(r => ({
                check: r.check,
                fromStatus: r.from_status ?? undefined,
                toStatus: r.to_status,
                sentence: r.sentence,
                at: r.at,
            })),
        }
    }
}
