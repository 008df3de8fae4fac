import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, JSONColumn as JSONColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Candidate} from "./candidate.model"
import {CandidateChangeKind} from "./_candidateChangeKind"

/**
 * A candidate added to, changed in or removed from the list, with the fields that changed.
 */
@Index_(["candidate", "at"], {unique: false})
@Entity_()
export class CandidateChange {
    constructor(props?: Partial<CandidateChange>) {
        Object.assign(this, props)
    }

    /**
     * <candidate id>:<ms>:<kind>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Candidate, {nullable: true})
    candidate!: Candidate

    @Column_("varchar", {length: 7, nullable: false})
    kind!: CandidateChangeKind

    /**
     * the fields that changed (all of them when added)
     */
    @StringColumn_({array: true, nullable: false})
    fields!: (string)[]

    /**
     * the list entry before (null when added) and after (null when removed)
     */
    @JSONColumn_({nullable: true})
    previous!: unknown | undefined | null

    @JSONColumn_({nullable: true})
    next!: unknown | undefined | null

    /**
     * the candidate list file
     */
    @StringColumn_({nullable: false})
    source!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    at!: Date
}
