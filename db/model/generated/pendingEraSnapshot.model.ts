import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {ChainLayer} from "./_chainLayer"

/**
 * A finalized era end whose snapshot (EraValidator, Exposure, SessionKeys, NominatorTargets and NominatorBond
 * rows, the era's totals) is read and written beside the event stream: stored in the era-end block's batch,
 * deleted in the transaction that writes the snapshot and sets `Era.snapshotCompletedAt`. One left by a crash
 * is redone at start-up.
 */
@Entity_()
export class PendingEraSnapshot {
    constructor(props?: Partial<PendingEraSnapshot>) {
        Object.assign(this, props)
    }

    /**
     * the era that ended
     */
    @PrimaryColumn_()
    id!: string

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @IntColumn_({nullable: false})
    blockNumber!: number

    @StringColumn_({nullable: false})
    blockHash!: string
}
