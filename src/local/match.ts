// `nastavnik match`: «Подбор пар» on a workbook file — the same use case as the sidebar.

import { proposePairs } from "../app/matching";
import { type ConfirmResult, confirmPairs } from "../app/pairs";
import type { ProposalView } from "../app/proposal-types";
import { listValues } from "../domain/schema";
import {
  CONFIG_OPTION,
  type Command,
  JSON_OPTION,
  out,
  outJson,
  parseOptions,
  UsageError,
  workbookPath,
} from "./command";
import { readWorkbookConfig } from "./config";
import { withWorkbookFile } from "./env";

const MATCH_OPTIONS = {
  strategy: { type: "string" },
  all: { type: "boolean" },
  form: { type: "string" },
  confirm: { type: "boolean" },
  scores: { type: "boolean" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

export const matchCommand: Command = {
  name: "match",
  usage:
    "nastavnik match КНИГА.xlsx [--strategy optimal|stable] [--all] [--form ФОРМА] [--confirm] [--json] [--scores] [--config ФАЙЛ]",
  options: MATCH_OPTIONS,
  summary: "подбор пар: оценки совместимости с объяснениями и предложение на всю группу",
  help: [
    "Оценивает каждую допустимую пару «наставник — наставляемый» и предлагает распределение:",
    "  --strategy optimal  (по умолчанию) как можно больше пар, а среди таких — наибольшая сумма оценок;",
    "  --strategy stable   устойчиво: нет наставника и наставляемого, которые предпочли бы друг друга.",
    "Учитываются согласия, статус наставника («Отобран», «Обучен»), число мест, выбор после встречи,",
    "пары, закреплённые и отклонённые в «Пары и группы», веса и порог из «Настройки».",
    "  --all       подбирать заново всех, а не только тех, у кого нет пары (закреплённые пары остаются);",
    `  --form Ф    только одна форма наставничества: ${listValues("forms").join(", ")};`,
    "  --confirm   записать предложенные пары в «Пары и группы» (статус «Утверждена»);",
    "  --json      вывести пары, оставшихся без пары с причинами и сумму оценок в JSON;",
    "  --scores    с --json: ещё и оценки всех допустимых пар с причинами.",
    "Без --confirm книга не меняется.",
  ].join("\n"),
  async run(args) {
    const { values, positionals } = parseOptions("match", args, MATCH_OPTIONS);
    const file = workbookPath(positionals, "match");
    await readWorkbookConfig(file, values.config);
    const strategy = values.strategy ?? "optimal";
    if (strategy !== "optimal" && strategy !== "stable") {
      throw new UsageError(
        `«${String(strategy)}» — параметр --strategy принимает значения optimal или stable`,
      );
    }
    const form = typeof values.form === "string" ? values.form : null;
    if (form && !listValues("forms").includes(form)) {
      throw new UsageError(`Неизвестная форма «${form}». Доступны: ${listValues("forms").join(", ")}`);
    }
    const { view, confirmed } = await withWorkbookFile<{
      view: ProposalView;
      confirmed: ConfirmResult | null;
    }>(file, { create: false, save: (r) => r.confirmed !== null, readOnly: !values.confirm }, (env) => {
      const view = proposePairs(
        env,
        { strategy, scope: values.all ? "all" : "unmatched", form, weights: null, locked: [], excluded: [] },
        { allScores: values.scores === true },
      );
      const decisions = view.proposals
        .filter((p) => !p.locked)
        .map((p) => ({
          menteeId: p.menteeId,
          mentorId: p.mentorId,
          score: p.score,
          reasons: p.reasons.join("; "),
          form: p.form,
          locked: false,
        }));
      const confirmed = values.confirm && decisions.length > 0 ? confirmPairs(env, decisions) : null;
      return { view, confirmed };
    });
    if (values.json) {
      outJson({
        strategy: view.strategy,
        pairs: view.proposals.map((p) => ({
          menteeId: p.menteeId,
          mentorId: p.mentorId,
          score: p.score,
          reasons: p.reasons,
          form: p.form,
          locked: p.locked,
        })),
        unmatched: view.unmatched.map((u) => ({ menteeId: u.menteeId, reason: u.reason })),
        totalScore: view.totalScore,
        counts: view.counts,
        ...(values.scores ? { scores: view.scores ?? [] } : {}),
        ...(confirmed ? { confirmed: { created: confirmed.created, skipped: confirmed.skipped } } : {}),
      });
      return 0;
    }
    for (const line of view.lines) out(line);
    out();
    for (const p of view.proposals) {
      out(
        `${p.menteeId} ${p.menteeName} → ${p.mentorId} ${p.mentorName}: ${p.score}${p.locked ? " (закреплена)" : ""}`,
      );
      out(`    ${p.form}; ${p.reasons.join("; ")}`);
      if (p.alternatives.length > 0) {
        out(`    другие: ${p.alternatives.map((a) => `${a.mentorName} (${a.score})`).join(", ")}`);
      }
    }
    if (view.unmatched.length > 0) {
      out();
      out("Без пары:");
      for (const u of view.unmatched) out(`  ${u.menteeId} ${u.menteeName}: ${u.reason}`);
    }
    if (confirmed) {
      out();
      for (const line of confirmed.lines) out(line);
    } else {
      out();
      out(
        "Книга не изменена. Чтобы записать пары, добавьте --confirm или утвердите их на панели «Подбор пар».",
      );
    }
    return 0;
  },
};
