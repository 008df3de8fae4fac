import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_} from "@subsquid/typeorm-store"

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
}
