import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, OneToOne as OneToOne_, Index as Index_, JoinColumn as JoinColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import * as marshal from "./marshal"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"
import {Judgement} from "./_judgement"

/**
 * The current on-chain identity of an account (IdentityOf), or its sub-identity link (SuperOf).
 */
@Entity_()
export class Identity {
    constructor(props?: Partial<Identity>) {
        Object.assign(this, props)
    }

    /**
     * account hex
     */
    @PrimaryColumn_()
    id!: string

    @Index_({unique: true})
    @OneToOne_(() => Account, {nullable: true})
    @JoinColumn_()
    account!: Account

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @StringColumn_({nullable: true})
    display!: string | undefined | null

    @StringColumn_({nullable: true})
    legal!: string | undefined | null

    @StringColumn_({nullable: true})
    web!: string | undefined | null

    /**
     * matrix (People chain) or riot (relay)
     */
    @StringColumn_({nullable: true})
    matrix!: string | undefined | null

    @StringColumn_({nullable: true})
    email!: string | undefined | null

    @StringColumn_({nullable: true})
    twitter!: string | undefined | null

    @StringColumn_({nullable: true})
    github!: string | undefined | null

    @StringColumn_({nullable: true})
    discord!: string | undefined | null

    @Column_("jsonb", {transformer: {to: obj => obj.map((val: any) => val.toJSON()), from: obj => obj == null ? undefined : marshal.fromList(obj, val => new Judgement(undefined, marshal.nonNull(val)))}, nullable: false})
    judgements!: (Judgement)[]

    /**
     * a Reasonable or KnownGood judgement
     */
    @BooleanColumn_({nullable: false})
    verified!: boolean

    /**
     * the parent account when this account is a sub-identity
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    parent!: Account | undefined | null

    @StringColumn_({nullable: true})
    subName!: string | undefined | null

    /**
     * parent if any, else the account itself: the operator an identity belongs to
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    root!: Account

    /**
     * no identity and no parent any more
     */
    @BooleanColumn_({nullable: false})
    cleared!: boolean

    @IntColumn_({nullable: false})
    updatedBlock!: number

    @DateTimeColumn_({nullable: true})
    updatedAt!: Date | undefined | null
}
