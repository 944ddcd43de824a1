/** Interns strings to dense integer codes in order of first appearance. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  code(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  get size(): number {
    return this.values.length;
  }
}
