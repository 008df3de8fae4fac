import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The genesis hash of the chain a reader first indexed into this database; a later start against another genesis is refused.
 */
@Entity_()
export class ChainGenesis {
    constructor(props?: Partial<ChainGenesis>) {
        Object.assign(this, props)
    }

    /**
     * the reader: a processor's chain layer (relay, assetHub, people) or telemetry
     */
    @PrimaryColumn_()
    id!: string

    /**
     * 0x-prefixed, lower-case
     */
    @StringColumn_({nullable: false})
    genesisHash!: string

    @DateTimeColumn_({nullable: false})
    recordedAt!: Date
}
