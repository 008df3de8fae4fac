export enum CandidateChangeKind {
    added = "added",
    changed = "changed",
    removed = "removed",
}
