/**
 * @module cli/commands/assess
 * `xinjian assess --facts FACTS.json [--json]`: reads a facts file and prints the legal assessment
 * (情节严重 / 情节特别严重 per holder) as Chinese text, or as JSON with --json.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, errorMessage, UsageError } from '../../core/errors.js';
import { assessCase } from '../../law/evaluate.js';
import { parseFactsFile } from '../../law/facts.js';
import { renderAssessmentZh } from '../../law/render.js';
import { loadRulebook } from '../../law/rulebook.js';
import { type Command, optFlag, optString } from '../command.js';
import { EXIT_OK } from '../output.js';

const USAGE = `Usage: xinjian assess --facts FACTS.json [--json]

Applies 刑法第二百五十三条之一 and 法释〔2017〕10号 to the facts of each holder and prints, per
holder, the band (情节严重 / 情节特别严重), the rules that fired with their citation and working,
the penalty range, fine guidance, aggravations and mitigations, the band under every contested
reading, and the facts that were not given (and were assumed).

Options:
  --facts FILE   facts file (JSON): {"as_of"?: "YYYY-MM-DD", "holders": [ { "name", "counts": {category: n},
                 "illegal_gain_yuan", "insider", "sold_or_provided", "used_for_crime", "knew_buyer_criminal",
                 "consequence", "major_loss_or_bad_influence", "prior_criminal_record",
                 "admin_penalty_within_2_years", "lawful_business_purchase", "profit_from_use_yuan",
                 "first_offender", "returned_all_gains", "remorse", "contested"?, "joint"?, … } ] }
  --json         print the assessment as JSON instead of Chinese text

Category ids: trajectory, communication_content, credit, property, lodging, communication_record,
health, transaction, id_card, biometric, general (counting-rules.md §5).
Extra holder facts: accessory, unit, unit_mainly_for_crime, other_serious, other_especially_serious,
contested: [{"kind": "bare_id_numbers", "count": 800, "counted_as": "general", "alternative": "id_card"}],
joint: {"counts": {…}, "illegal_gain_yuan": n} (totals of the joint crime, including the holder's share).
See docs/legal-rules.md.

Exit codes: 0 assessed; 2 bad command line or facts file (the message names the field).`;

export const assessCommand: Command = {
  name: 'assess',
  summary: 'legal assessment per holder: 情节严重 / 情节特别严重, with citations and working',
  usage: USAGE,
  options: {
    facts: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    // Validate the rulebook before any facts are read: a bad row stops here, naming the row id.
    loadRulebook();
    const path = optString(args, 'facts');
    if (path === undefined) throw new UsageError(`--facts is required\n\n${USAGE}`);
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected argument '${args.positionals[0]}'\n\n${USAGE}`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ConfigError(`${path}: cannot read the facts file (${errorMessage(e)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ConfigError(`${path}: not valid JSON (${errorMessage(e)})`);
    }
    const assessment = assessCase(parseFactsFile(json, path));
    io.out.write(
      optFlag(args, 'json') ? `${JSON.stringify(assessment, null, 2)}\n` : renderAssessmentZh(assessment),
    );
    return EXIT_OK;
  },
};
