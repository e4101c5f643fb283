// A data test that cannot run (missing file, unknown column, bad SQL...) ends as an 'error'
// outcome, never as an exception out of the engine: this is the sentence that outcome shows.
export class DataTestError extends Error {}
