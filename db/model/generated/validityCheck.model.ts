import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, JSONColumn as JSONColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Candidate} from "./candidate.model"
import {ValidityStatus} from "./_validityStatus"

/**
 * A check's current state for a candidate: the status held after hysteresis, the evidence and sentence of the
 * latest result with that status, and a different result seen but not yet held long enough (pending).
 */
@Index_(["candidate", "check"], {unique: true})
@Entity_()
export class ValidityCheck {
    constructor(props?: Partial<ValidityCheck>) {
        Object.assign(this, props)
    }

    /**
     * <candidate id>:<check>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Candidate, {nullable: true})
    candidate!: Candidate

    /**
     * the check's name (config validity keys: online, commission, …)
     */
    @Index_()
    @StringColumn_({nullable: false})
    check!: string

    @Index_()
    @Column_("varchar", {length: 7, nullable: false})
    status!: ValidityStatus

    /**
     * {code, source, layer, block, era, atMs, observed, threshold}
     */
    @JSONColumn_({nullable: false})
    evidence!: unknown

    @StringColumn_({nullable: false})
    sentence!: string

    /**
     * when the check flipped to status
     */
    @DateTimeColumn_({nullable: false})
    since!: Date

    @Column_("varchar", {length: 7, nullable: true})
    pendingStatus!: ValidityStatus | undefined | null

    /**
     * consecutive passes that saw pendingStatus
     */
    @IntColumn_({nullable: true})
    pendingCount!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    pendingSince!: Date | undefined | null

    @JSONColumn_({nullable: true})
    pendingEvidence!: unknown | undefined | null

    @StringColumn_({nullable: true})
    pendingSentence!: string | undefined | null
}
