import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * A nominator's targets (Nominators) from era `era` on. Stored as an era starts when they differ from the row
 * in force before (a new or changed nomination, a kick), and with no targets when the nominator stopped: the
 * row in force in era N is the nominator's latest with era <= N (`latest` marks the one in force now). A copy per
 * era would be ~20 MB per Kusama era.
 */
@Index_(["era", "nominator"], {unique: true})
@Entity_()
export class NominatorTargets {
    constructor(props?: Partial<NominatorTargets>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<nominator hex>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    era!: number

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    nominator!: Account

    /**
     * validator account hexes; empty when the nominator stopped nominating
     */
    @StringColumn_({array: true, nullable: false})
    targets!: (string)[]

    /**
     * era the nomination was submitted in; null when it stopped
     */
    @IntColumn_({nullable: true})
    submittedIn!: number | undefined | null

    /**
     * the nominator's row in force now
     */
    @Index_()
    @BooleanColumn_({nullable: false})
    latest!: boolean

    @IntColumn_({nullable: false})
    blockNumber!: number
}
