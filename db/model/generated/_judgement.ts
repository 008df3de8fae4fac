import assert from "assert"
import * as marshal from "./marshal"

/**
 * A registrar's judgement on an identity.
 */
export class Judgement {
    private _registrarIndex!: number
    private _judgement!: string

    constructor(props?: Partial<Omit<Judgement, 'toJSON'>>, json?: any) {
        Object.assign(this, props)
        if (json != null) {
            this._registrarIndex = marshal.int.fromJSON(json.registrarIndex)
            this._judgement = marshal.string.fromJSON(json.judgement)
        }
    }

    get registrarIndex(): number {
        assert(this._registrarIndex != null, 'uninitialized access')
        return this._registrarIndex
    }

    set registrarIndex(value: number) {
        this._registrarIndex = value
    }

    /**
     * Unknown, FeePaid, Reasonable, KnownGood, OutOfDate, LowQuality, Erroneous
     */
    get judgement(): string {
        assert(this._judgement != null, 'uninitialized access')
        return this._judgement
    }

    set judgement(value: string) {
        this._judgement = value
    }

    toJSON(): object {
        return {
            registrarIndex: this.registrarIndex,
            judgement: this.judgement,
        }
    }
}
