// Shared empty values for store selectors: a selector must return the same value for the
// same state, or React re-renders forever.
export const NO_ITEMS: readonly never[] = Object.freeze([]);
export const NO_ENTRIES: Readonly<Record<string, never>> = Object.freeze({});
