export { runAnalysis, DEFAULT_ANALYSIS_OPTIONS } from './run-analysis';
export { summarizeAnalysis, roundTo, type AnalysisSummary } from './summarize-analysis';
export { customerTableColumns, writeCustomerRows } from './customer-table';
export * from './types';
export { previewTransactions, type PreviewResult, type PreviewLine } from './preview-transactions';
