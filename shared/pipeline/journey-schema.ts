// The two journeys in pipewright.yaml: `promotion:` (the gate an experiment passes in the test
// environment before it joins the production branch) and `schedules:` (the production
// pipelines that run by themselves). Part of the workspace file format (schema.ts).
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const OVERLAP_POLICIES = ['skip', 'queue'] as const;
export const CATCH_UP_POLICIES = ['once', 'none'] as const;

export const MetricGateSchema = z
  .strictObject({
    step: z.string().min(1).describe('The step that records the metric.'),
    metric: z
      .string()
      .min(1)
      .describe('The metric, as the Monitor names it: "metrics/eval.json:auc", "rows:data/out.csv", "duration_ms".'),
    min: z.number().optional().describe("The candidate's value must be at least this."),
    max: z.number().optional().describe("The candidate's value must be at most this."),
    no_worse_than: z
      .literal('production')
      .optional()
      .describe("Compare with the production branch's last run in the same environment."),
    better: z
      .enum(['higher', 'lower'])
      .optional()
      .describe('With no_worse_than: which direction is better. Default higher.'),
    tolerance: z
      .number()
      .min(0)
      .optional()
      .describe('With no_worse_than: how much worse the candidate may be. Default 0.'),
  })
  .describe('A metric condition of the gate.');

export const GateSchema = z
  .strictObject({
    tests: z
      .enum(['no-errors', 'no-failures', 'any'])
      .optional()
      .describe(
        'no-errors (default): no failed error-severity test; no-failures: no failed test of any severity; any: tests do not decide.',
      ),
    alerts: z
      .enum(['none', 'any'])
      .optional()
      .describe("none (default): the candidate's run raised no alert; any: alerts do not decide."),
    metrics: z.array(MetricGateSchema).optional(),
  })
  .describe('What a candidate run in the test environment must show to be promoted.');

export const PromotionSchema = z
  .strictObject({
    production: z.string().min(1).optional().describe('The branch the value pipeline runs. Default main.'),
    path: z
      .array(z.string().min(1))
      .min(2)
      .optional()
      .describe(
        'The environments in order (dev, test, prod); the gate runs in the one before the last. Default: the candidate runs in the default environment.',
      ),
    gate: GateSchema.optional(),
    params: z.record(z.string(), scalar).optional().describe('Param values for the gate runs (source "promotion").'),
  })
  .describe('How an experiment branch is promoted into production.');

export const ScheduleSchema = z
  .strictObject({
    pipeline: z.string().min(1).describe('The pipeline to run (its name).'),
    environment: z
      .string()
      .min(1)
      .optional()
      .describe('The environment (default: the last of promotion.path, or the default environment).'),
    cron: z
      .string()
      .min(1)
      .describe(
        'When, as a cron expression: minute hour day-of-month month day-of-week (a leading seconds field is allowed).',
      ),
    timezone: z
      .string()
      .min(1)
      .optional()
      .describe('The IANA time zone the expression is read in (Europe/Berlin). Default UTC.'),
    ref: z.string().min(1).optional().describe('The branch, tag or commit to run. Default: the production branch.'),
    overlap: z
      .enum(OVERLAP_POLICIES)
      .optional()
      .describe('When the previous run is still going: skip this occurrence (default) or queue it.'),
    catch_up: z
      .enum(CATCH_UP_POLICIES)
      .optional()
      .describe('Occurrences missed while no scheduler ran: run once for them (default) or not.'),
    params: z.record(z.string(), scalar).optional().describe('Param values for scheduled runs (source "schedule").'),
  })
  .describe('A pipeline that runs by itself.');

export type PromotionSpec = z.infer<typeof PromotionSchema>;
export type GateSpec = z.infer<typeof GateSchema>;
export type MetricGateSpec = z.infer<typeof MetricGateSchema>;
export type ScheduleSpec = z.infer<typeof ScheduleSchema>;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];
