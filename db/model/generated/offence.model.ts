import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, Index as Index_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ChainLayer} from "./_chainLayer"
import {Account} from "./account.model"

/**
 * An offence: `Offences.Offence` (relay, one row per offender its reports name) or `Staking.OffenceReported` (Asset Hub).
 */
@Entity_()
export class Offence {
    constructor(props?: Partial<Offence>) {
        Object.assign(this, props)
    }

    /**
     * event id; on the relay <event id>-<position> of the offender among the event's new reports (the event id alone when none could be read)
     */
    @PrimaryColumn_()
    id!: string

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    /**
     * offence kind (hex) on the relay
     */
    @StringColumn_({nullable: true})
    kind!: string | undefined | null

    /**
     * opaque time slot (hex) on the relay
     */
    @StringColumn_({nullable: true})
    timeSlot!: string | undefined | null

    /**
     * era of the offence (Asset Hub)
     */
    @Index_()
    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account | undefined | null

    /**
     * relay: the Offences.Reports key (report id, hex) that names the offender
     */
    @StringColumn_({nullable: true})
    reportId!: string | undefined | null

    @IntColumn_({nullable: true})
    slashFractionPerbill!: number | undefined | null

    @Index_()
    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
