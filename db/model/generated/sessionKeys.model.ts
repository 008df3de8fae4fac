import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, JSONColumn as JSONColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * A validator's session keys (NextKeys) at the start of an era.
 */
@Index_(["era", "validator"], {unique: true})
@Entity_()
export class SessionKeys {
    constructor(props?: Partial<SessionKeys>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<validator hex>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    era!: number

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    /**
     * key name -> hex public key
     */
    @JSONColumn_({nullable: false})
    keys!: unknown

    /**
     * BEEFY key hex, null where the runtime has none
     */
    @StringColumn_({nullable: true})
    beefy!: string | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number
}
