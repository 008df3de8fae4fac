export enum ValidityStatus {
    valid = "valid",
    invalid = "invalid",
    unknown = "unknown",
}
