// A Buffer over the same memory as a Uint8Array: no copy.
export const bufferView = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
