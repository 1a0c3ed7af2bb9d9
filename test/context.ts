let counter = 0;
/** A unique address per call, so tests sharing a file's database never collide. */
export const uniqueEmail = (label = "person") => `${label}.${process.pid}.${++counter}@example.org`;
