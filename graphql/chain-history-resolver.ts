/**
 * Custom GraphQL queries over the squid's tables beyond the generated entity queries: a validator's
 * era-points history, its unclaimed payouts, its nominators in an era and the validators of an identity group.
 */
import 'reflect-metadata'
import {Arg, Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {accountArgument, eraArgument, eraRangeArguments, limitArgument} from './arguments'
import {ERA_POINTS_HISTORY_SQL, IDENTITY_GROUP_VALIDATORS_SQL, UNCLAIMED_PAYOUTS_SQL, VALIDATOR_NOMINATORS_SQL} from './chain-history-sql'

/** Largest era span one query may cover (the scorer looks back 84 eras). */
const MAX_ERA_SPAN = 1000

/** Most nominators one `validatorNominators` answer lists (Polkadot has ~30k nominators in all). */
const MAX_NOMINATORS = 5000

@ObjectType()
export class EraPoints {
    @Field(() => Int) era!: number
    @Field(() => Int) points!: number
    @Field() active!: boolean
    @Field(() => Int, {nullable: true}) commissionPerbill?: number
    @Field(() => Int, {nullable: true}) eraTotalPoints?: number
}

@ObjectType()
export class UnclaimedPayout {
    @Field(() => Int) era!: number
    @Field(() => Int) points!: number
    @Field(() => Int, {description: 'exposure pages the era is paid in, one payout each'}) pageCount!: number
    @Field(() => Int, {description: 'pages no payout was recorded for'}) unclaimedPages!: number
}

@ObjectType()
export class GroupValidator {
    @Field() account!: string
    @Field({nullable: true}) display?: string
    @Field({nullable: true}) subName?: string
    @Field() verified!: boolean
    @Field() isRoot!: boolean
    @Field() activeInLatestEra!: boolean
    @Field(() => Int, {nullable: true}) latestEra?: number
}

@ObjectType()
export class ValidatorNominator {
    @Field() nominator!: string
    @Field(() => Int, {description: 'era from which these targets are in force'}) sinceEra!: number
    @Field({nullable: true, description: 'bonded active balance as the era started (planck, decimal string)'}) bondedPlanck?: string
    @Field({nullable: true, description: "part of the bond in the validator's exposure for the era; null when not exposed to it"})
    exposedPlanck?: string
}

@Resolver()
export class ChainHistoryResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => [EraPoints], {description: 'Era points of a validator per era, newest first'})
    async eraPointsHistory(
        @Arg('validator') validator: string,
        @Arg('fromEra', () => Int, {defaultValue: 0}) fromEra: number,
        @Arg('toEra', () => Int, {nullable: true}) toEra?: number,
    ): Promise<EraPoints[]> {
        const range = eraRangeArguments(fromEra, toEra, MAX_ERA_SPAN)
        const params = [accountArgument('validator', validator), range.fromEra, range.toEra]
        const em = await this.tx()
        const rows: {era: number; points: number; active: boolean; commission_perbill: number | null; total_points: number | null}[] =
            await em.query(ERA_POINTS_HISTORY_SQL, params)
        return rows.map(r => ({
            era: r.era,
            points: r.points,
            active: r.active,
            commissionPerbill: r.commission_perbill ?? undefined,
            eraTotalPoints: r.total_points ?? undefined,
        }))
    }

    @Query(() => [UnclaimedPayout], {description: 'Eras a validator was active with points and some exposure page has no recorded payout'})
    async unclaimedPayouts(
        @Arg('validator') validator: string,
        @Arg('fromEra', () => Int, {defaultValue: 0}) fromEra: number,
    ): Promise<UnclaimedPayout[]> {
        const params = [accountArgument('validator', validator), eraArgument('fromEra', fromEra)]
        const em = await this.tx()
        return em.query(UNCLAIMED_PAYOUTS_SQL, params)
    }

    @Query(() => [ValidatorNominator], {
        description: 'Nominators whose targets in an era include the validator, exposed to it or not, largest bond first',
    })
    async validatorNominators(
        @Arg('validator') validator: string,
        @Arg('era', () => Int) era: number,
        @Arg('limit', () => Int, {defaultValue: 1000}) limit: number,
    ): Promise<ValidatorNominator[]> {
        const params = [accountArgument('validator', validator), eraArgument('era', era), limitArgument('limit', limit, MAX_NOMINATORS)]
        const em = await this.tx()
        const rows: {nominator: string; since_era: number; bonded_planck: string | null; exposed_planck: string | null}[] = await em.query(
            VALIDATOR_NOMINATORS_SQL,
            params,
        )
        return rows.map(r => ({
            nominator: r.nominator,
            sinceEra: r.since_era,
            bondedPlanck: r.bonded_planck ?? undefined,
            exposedPlanck: r.exposed_planck ?? undefined,
        }))
    }

    @Query(() => [GroupValidator], {description: 'The accounts of the identity group (root and subs) an account belongs to'})
    async identityGroupValidators(@Arg('account') account: string): Promise<GroupValidator[]> {
        const params = [accountArgument('account', account)]
        const em = await this.tx()
        const rows: {
            account: string
            display: string | null
            sub_name: string | null
            verified: boolean
            is_root: boolean
            active_in_latest_era: boolean
            latest_era: number | null
        }[] = await em.query(IDENTITY_GROUP_VALIDATORS_SQL, params)
        return rows.map(r => ({
            account: r.account,
            display: r.display ?? undefined,
            subName: r.sub_name ?? undefined,
            verified: r.verified,
            isRoot: r.is_root,
            activeInLatestEra: r.active_in_latest_era,
            latestEra: r.latest_era ?? undefined,
        }))
    }
}
