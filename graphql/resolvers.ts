/**
 * The custom resolvers squid-graphql-server serves beside its generated entity queries: the build links
 * this module to lib/server-extension/resolvers, where the server looks for it.
 */
export {ChainHistoryResolver, EraPoints, GroupValidator, UnclaimedPayout, ValidatorNominator} from './chain-history-resolver'
export {TelemetryUptime, TelemetryUptimeResolver} from './telemetry-uptime-resolver'
export {
    CandidateCheckFlip,
    CandidateCheckState,
    CandidateValidity,
    CandidateValidityResolver,
} from '../scorer/graphql/candidate-validity-resolver'
export {CandidateScore, CandidateScoreComponent, CandidateScoreResolver} from '../scorer/score/score-resolver'
