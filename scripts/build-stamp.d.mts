export declare const BUILD_INPUTS: readonly string[];
export declare const STAMP_PATH: string;
export declare const BUILD_OUTPUTS: readonly string[];
export interface BuildDecision {
  build: boolean;
  reason: string;
}
export declare function sourceFingerprint(root: string, inputs?: readonly string[]): string;
export declare function decideBuild(input: { force: boolean; outputsPresent: boolean; recorded: string | null; current: string }): BuildDecision;
export declare function readStamp(root: string): string | null;
export declare function writeStamp(root: string, sources?: string): void;
export declare function startMessage(decision: BuildDecision): string;
export declare function buildDecision(root: string, options?: { force?: boolean }): BuildDecision;
