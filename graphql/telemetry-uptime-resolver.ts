/**
 * GraphQL query `telemetryUptime`: online, offline and unknown time of telemetry nodes over a window, from
 * the intervals the telemetry follower writes.
 */
import 'reflect-metadata'
import {Arg, Field, Float, ObjectType, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {UPTIME_SQL, uptimeFromSqlRow, uptimeSqlParams, type UptimeSqlRow} from '../telemetry/uptime-sql'
import {BadInputError, dateArgument} from './arguments'

/** Nodes one query may ask about. */
const MAX_NODES_PER_QUERY = 1000

@ObjectType({description: 'Time of a telemetry node in a window, in milliseconds; the three add up to the window'})
export class TelemetryUptime {
    @Field({description: 'TelemetryNode id (<genesis hash>:<telemetry name>)'}) nodeId!: string
    @Field(() => Float, {description: 'Online while the feed was up'}) onlineMs!: number
    @Field(() => Float, {description: 'Seen before, feed up, not online'}) offlineMs!: number
    @Field(() => Float, {description: 'Feed down (or the follower not running), or before the node was first seen'}) unknownMs!: number
}

@Resolver()
export class TelemetryUptimeResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => [TelemetryUptime], {
        description: 'Uptime of telemetry nodes over [from, to); to defaults to now. Unknown nodes are left out.',
    })
    async telemetryUptime(
        @Arg('nodeIds', () => [String]) nodeIds: string[],
        @Arg('from') from: Date,
        @Arg('to', {nullable: true}) to?: Date,
    ): Promise<TelemetryUptime[]> {
        const nowMs = Date.now()
        const startMs = dateArgument('from', from).getTime()
        const endMs = to === undefined || to === null ? nowMs : dateArgument('to', to).getTime()
        if (endMs < startMs) throw new BadInputError(`to: must not be before from (${from.toISOString()})`)
        if (nodeIds.length > MAX_NODES_PER_QUERY)
            throw new BadInputError(`nodeIds: at most ${MAX_NODES_PER_QUERY} per query, got ${nodeIds.length}`)
        const em = await this.tx()
        const rows: UptimeSqlRow[] = await em.query(UPTIME_SQL, uptimeSqlParams(nodeIds, {startMs, endMs}, nowMs))
        return rows.map(r => ({nodeId: r.id, ...uptimeFromSqlRow(r)}))
    }
}
