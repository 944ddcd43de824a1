/** Lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
export function cholesky(matrix: readonly (readonly number[])[]): number[][] | null {
  const k = matrix.length;
  const lower = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j];
      for (let m = 0; m < j; m++) sum -= lower[i][m] * lower[j][m];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        lower[i][i] = Math.sqrt(sum);
      } else {
        lower[i][j] = sum / lower[j][j];
      }
    }
  }
  return lower;
}

/** Inverse of a symmetric positive definite matrix, or null when it is not positive definite. */
export function invertSymmetric(matrix: readonly (readonly number[])[]): number[][] | null {
  const lower = cholesky(matrix);
  if (!lower) return null;
  const k = matrix.length;
  const inverse = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const column = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    // Solve L y = e_c, then L^T x = y.
    for (let i = 0; i < k; i++) {
      let sum = i === c ? 1 : 0;
      for (let m = 0; m < i; m++) sum -= lower[i][m] * column[m];
      column[i] = sum / lower[i][i];
    }
    for (let i = k - 1; i >= 0; i--) {
      let sum = column[i];
      for (let m = i + 1; m < k; m++) sum -= lower[m][i] * column[m];
      column[i] = sum / lower[i][i];
    }
    for (let i = 0; i < k; i++) inverse[i][c] = column[i];
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) inverse[i][j] = inverse[j][i] = (inverse[i][j] + inverse[j][i]) / 2;
  return inverse;
}
