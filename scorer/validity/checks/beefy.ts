/**
 * BEEFY key: the validator's session keys hold a real BEEFY key, not the dummy one tools fill in
 * (`0x62656566…`, ASCII "beef"). No session keys at all is invalid (the operator has not set them); keys
 * without a BEEFY field are unknown (the runtime, not the operator, lacks it).
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'

export interface BeefyThresholds {
    maxSquidLagBlocks: number
}

export const DUMMY_BEEFY_PREFIX = '0x62656566'

export function beefy(facts: CandidateFacts, t: BeefyThresholds): CheckResult {
    const threshold = {notPrefix: DUMMY_BEEFY_PREFIX}
    const f = facts.sessionKeys
    const unusable = unusableChainFact('beefy', f, facts.pass, t.maxSquidLagBlocks, 'session keys', 'SessionKeys', threshold)
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    if (value === null) return checkResult('beefy', 'invalid', {...at, code: 'no_session_keys', observed: null, threshold}, render)
    if (value.beefyHex === null) return checkResult('beefy', 'unknown', {...at, code: 'no_beefy_field', observed: null, threshold}, render)
    const dummy = value.beefyHex.toLowerCase().startsWith(DUMMY_BEEFY_PREFIX)
    return checkResult(
        'beefy',
        dummy ? 'invalid' : 'valid',
        {...at, code: dummy ? 'dummy_key' : 'real_key', observed: {beefyHex: value.beefyHex}, threshold},
        render,
    )
}

function render(e: Evidence): string {
    switch (e.code) {
        case 'no_session_keys':
            return `has no session keys set (call session.setKeys) ${cite(e)}`
        case 'no_beefy_field':
            return `unknown: the indexed session keys have no BEEFY key (the runtime may not have one) ${cite(e)}`
        case 'dummy_key':
            return `its BEEFY key is the dummy 0x62656566… ("beef"); set real session keys ${cite(e)}`
        default:
            return `has a BEEFY key set ${cite(e)}`
    }
}
