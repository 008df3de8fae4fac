import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, JSONColumn as JSONColumn_, StringColumn as StringColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ScoreDistribution} from "./scoreDistribution.model"
import {ScoreSnapshot} from "./scoreSnapshot.model"

/**
 * What an era's scores were computed against: the weights and windows from config, the salt of the random
 * boost, and (in `distributions`) every component's statistics. With a candidate's ScoreSnapshot raw values
 * this is all `npm run score:explain` needs to recompute the score.
 */
@Entity_()
export class ScoreMetadata {
    constructor(props?: Partial<ScoreMetadata>) {
        Object.assign(this, props)
    }

    /**
     * era index
     */
    @PrimaryColumn_()
    id!: string

    @Index_({unique: true})
    @IntColumn_({nullable: false})
    era!: number

    /**
     * component -> whole points (config score.weights); 0 switches a component off
     */
    @JSONColumn_({nullable: false})
    weights!: unknown

    @IntColumn_({nullable: false})
    inclusionEras!: number

    @IntColumn_({nullable: false})
    spanInclusionEras!: number

    @IntColumn_({nullable: false})
    faultWindowEras!: number

    /**
     * activeEras or goodPeriods (config score.rankRule)
     */
    @StringColumn_({nullable: false})
    rankRule!: string

    @IntColumn_({nullable: false})
    randomnessMaxPerbill!: number

    /**
     * recorded with the scores: seed = sha256("<era>:<salt>:<stash hex>")
     */
    @StringColumn_({nullable: false})
    randomnessSalt!: string

    /**
     * valid candidates scored
     */
    @IntColumn_({nullable: false})
    candidateCount!: number

    @OneToMany_(() => ScoreDistribution, e => e.metadata)
    distributions!: ScoreDistribution[]

    @OneToMany_(() => ScoreSnapshot, e => e.metadata)
    snapshots!: ScoreSnapshot[]
}
