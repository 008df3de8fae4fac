import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, JSONColumn as JSONColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A nomination round: what it was decided from (the canonical input snapshot a third party can re-run with
 * `npm run round:replay`) and what it chose. Written before anything is signed; one per era.
 */
@Entity_()
export class NominationRound {
    constructor(props?: Partial<NominationRound>) {
        Object.assign(this, props)
    }

    /**
     * the era, as text
     */
    @PrimaryColumn_()
    id!: string

    @Index_({unique: true})
    @IntColumn_({nullable: false})
    era!: number

    /**
     * the trigger decision: gate and every account's state and reason
     */
    @JSONColumn_({nullable: false})
    trigger!: unknown

    /**
     * canonical JSON of the round's input (nominator/round/snapshot.ts)
     */
    @StringColumn_({nullable: false})
    inputSnapshot!: string

    /**
     * blake2-256 of inputSnapshot; each batch carries it in system.remarkWithEvent
     */
    @Index_()
    @StringColumn_({nullable: false})
    inputHash!: string

    /**
     * blake2-256 of the policy part
     */
    @StringColumn_({nullable: false})
    policyHash!: string

    /**
     * the scorer's random seed for the era's scores, when its source gives one
     */
    @StringColumn_({nullable: true})
    seed!: string | undefined | null

    /**
     * every candidate met, per account, with its score and verdict, and those below the cut
     */
    @JSONColumn_({nullable: false})
    candidates!: unknown

    /**
     * [{name, stash, targets}] in allocation order
     */
    @JSONColumn_({nullable: false})
    targets!: unknown

    /**
     * the calls per signer (nominator/round/plan.ts)
     */
    @JSONColumn_({nullable: false})
    plan!: unknown

    @BooleanColumn_({nullable: false})
    dryRun!: boolean

    /**
     * planned, submitting, done (every nomination landed or was announced), partial, failed, dryRun
     */
    @Index_()
    @StringColumn_({nullable: false})
    status!: string

    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date
}
