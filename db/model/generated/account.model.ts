import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, OneToMany as OneToMany_, OneToOne as OneToOne_} from "@subsquid/typeorm-store"
import {EraValidator} from "./eraValidator.model"
import {Payout} from "./payout.model"
import {Reward} from "./reward.model"
import {Identity} from "./identity.model"

/**
 * An account seen on any indexed chain, keyed by its hex public key.
 */
@Entity_()
export class Account {
    constructor(props?: Partial<Account>) {
        Object.assign(this, props)
    }

    /**
     * 0x-prefixed hex of the 32-byte public key
     */
    @PrimaryColumn_()
    id!: string

    @OneToMany_(() => EraValidator, e => e.validator)
    eraValidators!: EraValidator[]

    @OneToMany_(() => Payout, e => e.validator)
    payouts!: Payout[]

    @OneToMany_(() => Reward, e => e.stash)
    rewards!: Reward[]

    @OneToOne_(() => Identity, e => e.account)
    identity!: Identity | undefined | null
}
