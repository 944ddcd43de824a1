/** The shortest password Segmenta accepts (Better Auth checks it again). */
export const MIN_PASSWORD_LENGTH = 10;
