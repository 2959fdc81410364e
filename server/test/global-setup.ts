// Placeholder replaced by the database harness (see test/db-harness.ts).
export default async function setup() {}
