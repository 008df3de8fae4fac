import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * All identities a chain layer held at one block, copied once when its processor started (its first
 * batch): identities set before the start and never changed since have no event to read them by.
 */
@Entity_()
export class IdentityImport {
    constructor(props?: Partial<IdentityImport>) {
        Object.assign(this, props)
    }

    /**
     * the chain layer: relay or people
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the block whose state was copied
     */
    @IntColumn_({nullable: false})
    blockNumber!: number
}
