/** Interns strings to dense integer codes in order of first appearance. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  /** values[0, indexed) are in `index`; values added by appendNew() are indexed by the next code(). */
  private indexed = 0;

  code(value: string): number {
    if (this.indexed < this.values.length) this.catchUp();
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
      this.indexed = this.values.length;
    }
    return code;
  }

  /**
   * Add a value the caller knows is not among `values` yet, without hashing it now; returns its
   * code. ByteDictionary uses it for texts that can equal no earlier one (see its insert()).
   */
  appendNew(value: string): number {
    this.values.push(value);
    return this.values.length - 1;
  }

  get size(): number {
    return this.values.length;
  }

  private catchUp(): void {
    for (let k = this.indexed; k < this.values.length; k++) this.index.set(this.values[k], k);
    this.indexed = this.values.length;
  }
}
