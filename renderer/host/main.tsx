// PLACEHOLDER — replaced by the host page.
export {};
