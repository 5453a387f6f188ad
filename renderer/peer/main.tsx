// PLACEHOLDER — replaced by the peer page.
export {};
