export enum TelemetryIntervalKind {
    online = "online",
    offline = "offline",
}
