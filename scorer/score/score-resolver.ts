/**
 * GraphQL query `candidateScore`: one candidate's latest (or a given era's) score with every component and
 * the era's statistics of that component, as stored, and whether recomputing it from those rows gives it.
 */
import 'reflect-metadata'
import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {BadInputError} from '../../graphql/arguments'
import {COMPONENT_NAMES} from './components'
import {explainStoredScore, stashKey} from './explain-stored'

@ObjectType({description: "A component of a candidate's score beside its distribution in the era; big numbers are decimal strings"})
export class CandidateScoreComponent {
    @Field() component!: string
    @Field(() => Int, {description: 'whole points; 0 switches the component off'}) weight!: number
    @Field({nullable: true, description: 'raw value in the unit of scorer/score/SCORES.md; null without a value'}) raw?: string
    @Field({nullable: true, description: 'noValue or bannedProvider when that decided the score'}) condition?: string
    @Field(() => Int, {nullable: true}) normalisedPerbill?: number
    @Field(() => Int) scorePerbill!: number
    @Field() weightedNanopoints!: string
    @Field(() => Int, {description: 'values in the distribution'}) count!: number
    @Field(() => Int) lowerPercent!: number
    @Field(() => Int) upperPercent!: number
    @Field({description: 'the quantiles scaled between, two decimals'}) lower!: string
    @Field() upper!: string
    @Field() min!: string
    @Field() max!: string
    @Field() q10!: string
    @Field() q25!: string
    @Field() q50!: string
    @Field() q75!: string
    @Field() q90!: string
    @Field() mean!: string
    @Field() standardDeviation!: string
}

@ObjectType({description: "A candidate's score in an era with its components"})
export class CandidateScore {
    @Field(() => Int) era!: number
    @Field({description: '0x hex public key of the stash'}) stash!: string
    @Field() totalNanopoints!: string
    @Field() aggregateNanopoints!: string
    @Field(() => Int) randomPerbill!: number
    @Field() randomSeedHex!: string
    @Field() randomnessSalt!: string
    @Field(() => Int, {description: 'valid candidates scored in the era'}) candidateCount!: number
    @Field({description: 'recomputing from the stored statistics, weights and raw values gives the stored score'}) recomputedEqual!: boolean
    @Field(() => [CandidateScoreComponent]) components!: CandidateScoreComponent[]
}

@Resolver()
export class CandidateScoreResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => CandidateScore, {
        nullable: true,
        description: "A candidate's latest score (or that of `era`) with components and the era's statistics; null when none is stored",
    })
    async candidateScore(
        @Arg('stash') stash: string,
        @Arg('era', () => Int, {nullable: true}) era?: number,
    ): Promise<CandidateScore | null> {
        let key: string
        try {
            key = stashKey(stash)
        } catch (e) {
            throw new BadInputError((e as Error).message)
        }
        if (era != null && (!Number.isInteger(era) || era < 0)) throw new BadInputError(`era: expected an era ≥ 0, got ${era}`)
        const found = await explainStoredScore(await this.tx(), key, era ?? undefined)
        if (!found) return null
        const {explanation: e, metadata: m} = found
        return {
            era: e.era,
            stash: e.stash,
            totalNanopoints: e.stored.totalNanopoints.toString(),
            aggregateNanopoints: e.stored.aggregateNanopoints.toString(),
            randomPerbill: e.stored.randomPerbill,
            randomSeedHex: e.stored.randomSeedHex,
            randomnessSalt: m.randomnessSalt,
            candidateCount: m.candidateCount,
            recomputedEqual: e.equal,
            components: COMPONENT_NAMES.map((name, i) => {
                const s = e.components[i].stored
                return {
                    component: name,
                    weight: m.weights[name],
                    raw: s.raw === null ? undefined : s.raw.toString(),
                    condition: s.condition ?? undefined,
                    normalisedPerbill: s.normalisedPerbill ?? undefined,
                    scorePerbill: s.scorePerbill,
                    weightedNanopoints: s.weightedNanopoints.toString(),
                    ...m.components[name],
                }
            }),
        }
    }
}
