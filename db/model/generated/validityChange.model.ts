import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, JSONColumn as JSONColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Candidate} from "./candidate.model"
import {ValidityStatus} from "./_validityStatus"
import {ScorerRun} from "./scorerRun.model"

/**
 * A check's status flip (a candidate's first result included: fromStatus null), with the evidence that flipped it.
 */
@Index_(["candidate", "at"], {unique: false})
@Entity_()
export class ValidityChange {
    constructor(props?: Partial<ValidityChange>) {
        Object.assign(this, props)
    }

    /**
     * <candidate id>:<check>:<ms>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Candidate, {nullable: true})
    candidate!: Candidate

    @Index_()
    @StringColumn_({nullable: false})
    check!: string

    @Column_("varchar", {length: 7, nullable: true})
    fromStatus!: ValidityStatus | undefined | null

    @Column_("varchar", {length: 7, nullable: false})
    toStatus!: ValidityStatus

    @JSONColumn_({nullable: false})
    evidence!: unknown

    @StringColumn_({nullable: false})
    sentence!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    at!: Date

    @Index_()
    @ManyToOne_(() => ScorerRun, {nullable: true})
    run!: ScorerRun
}
