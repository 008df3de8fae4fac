export enum BondKind {
    Bond = "Bond",
    Unbond = "Unbond",
    Withdraw = "Withdraw",
}
