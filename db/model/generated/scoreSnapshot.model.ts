import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ScoreMetadata} from "./scoreMetadata.model"
import {ScoreComponent} from "./scoreComponent.model"

/**
 * A valid candidate's score in an era: the seeded total and its parts; `components` has one row per component.
 */
@Index_(["stash", "era"], {unique: true})
@Entity_()
export class ScoreSnapshot {
    constructor(props?: Partial<ScoreSnapshot>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<stash hex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    era!: number

    /**
     * 0x hex public key of the stash (Candidate.id)
     */
    @StringColumn_({nullable: false})
    stash!: string

    @Index_()
    @ManyToOne_(() => ScoreMetadata, {nullable: true})
    metadata!: ScoreMetadata

    /**
     * sum of the components' weighted scores
     */
    @BigIntColumn_({nullable: false})
    aggregateNanopoints!: bigint

    /**
     * sha256("<era>:<salt>:<stash hex>"), hex
     */
    @StringColumn_({nullable: false})
    randomSeedHex!: string

    /**
     * the boost drawn from the seed, up to randomnessMaxPerbill
     */
    @IntColumn_({nullable: false})
    randomPerbill!: number

    /**
     * aggregate + floor(aggregate x randomPerbill / 10^9): what selection sorts by
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    totalNanopoints!: bigint

    @OneToMany_(() => ScoreComponent, e => e.snapshot)
    components!: ScoreComponent[]
}
