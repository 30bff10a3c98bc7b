// Lockstep report, charts: one function per chart, each drawing from the report JSON (schema 1,
// docs/reports.md) into its element with Apache ECharts. Every text shown by ECharts on the canvas
// is drawn, not parsed; tooltips are HTML, so every name that goes into one is escaped first.
'use strict';

const LockstepCharts = (function () {
  const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
               '"WenQuanYi Micro Hei", sans-serif';
  const PHASE_COLORS = ['#3b6fb6', '#2a9d8f', '#e08e2b', '#8e6bbf', '#c75b7a', '#5b8c5a', '#4aa3c9'];
  const KIND_COLORS = ['#cf4b4b', '#e08e2b', '#8e6bbf', '#3b6fb6', '#2a9d8f', '#c75b7a', '#7a8794'];
  const DAY = 86400000;

  const esc = (s) => String(s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const dayMs = (s) => { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y, m - 1, d); };
  const fmtDay = (ms) => new Date(ms).toISOString().slice(0, 10);

  function base() {
    return {
      useUTC: true,
      animation: false,
      textStyle: { fontFamily: FONT, fontSize: 12, color: '#1f2933' },
      grid: { left: 16, right: 56, top: 52, bottom: 24, containLabel: true },
      tooltip: { confine: true },
    };
  }

  // `position`: 'end' is the top of a normal value axis, 'start' the top of an inverse one.
  function asOfLine(ctx, position) {
    return {
      symbol: 'none', silent: true,
      lineStyle: { color: '#cf4b4b', type: 'dashed', width: 1.5 },
      // Above the plot, where no axis label or bar can hide it.
      label: { formatter: '截至 ' + ctx.data.campaign.as_of, position, color: '#cf4b4b',
               fontFamily: FONT },
      data: [{ xAxis: dayMs(ctx.data.campaign.as_of) }],
    };
  }

  // Gantt: one row per (org type, phase); the planned window as a light bar, the span of actual
  // completions (first to last) as a dark bar inside it.
  function gantt(ctx, node) {
    const { data, nameOf } = ctx;
    const rows = [];
    const planned = [];
    data.org_types.forEach((ot) => {
      data.phases.forEach((ph, p) => {
        const w = ph.windows.find((x) => x.org_type === ot.id);
        if (!w) return;
        const color = PHASE_COLORS[p % PHASE_COLORS.length];
        planned.push({ value: [rows.length, dayMs(w.start), dayMs(w.end) + DAY, p],
                       itemStyle: { color, opacity: 0.3 }, name: `${w.start} – ${w.end}` });
        rows.push({ orgType: ot.id, phase: ph.id, label: `${ot.name || ot.id} · ${ph.name || ph.id}`,
                    color });
      });
    });
    if (rows.length === 0) return null;
    const actual = [];
    rows.forEach((row, i) => {
      let first = Infinity, last = -Infinity;
      for (const c of data.cells) {
        if (c.completed === null || ctx.units.get(c.unit)?.org_type !== row.orgType) continue;
        if (ctx.steps.get(c.step)?.phase !== row.phase) continue;
        const ms = dayMs(c.completed);
        first = Math.min(first, ms);
        last = Math.max(last, ms);
      }
      if (first <= last) {
        actual.push({ value: [i, first, last + DAY, 0], itemStyle: { color: row.color },
                      name: `${fmtDay(first)} – ${fmtDay(last)}` });
      }
    });
    const bar = (ratio) => (params, api) => {
      const y = api.value(0);
      const a = api.coord([api.value(1), y]);
      const b = api.coord([api.value(2), y]);
      const h = api.size([0, 1])[1] * ratio;
      const shape = echarts.graphic.clipRectByRect(
        { x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 2), height: h },
        { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width,
          height: params.coordSys.height });
      return shape && { type: 'rect', shape, style: api.style() };
    };
    const tip = (kind) => (p) =>
      `${esc(rows[p.value[0]].label)}<br>${kind}: ${esc(p.name)}`;
    node.style.height = `${Math.max(220, 70 + rows.length * 34)}px`;
    return Object.assign(base(), {
      legend: { top: 0, right: 0, data: ['计划 Planned', '实际 Actual'] },
      xAxis: { type: 'time', splitLine: { show: true, lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label),
               axisTick: { show: false } },
      series: [
        { name: '计划 Planned', type: 'custom', renderItem: bar(0.7), encode: { x: [1, 2], y: 0 },
          data: planned, tooltip: { formatter: tip('计划 planned') }, markLine: asOfLine(ctx, 'start'),
          itemStyle: { color: '#9db6dc' } },
        { name: '实际 Actual', type: 'custom', renderItem: bar(0.32), encode: { x: [1, 2], y: 0 },
          data: actual, tooltip: { formatter: tip('实际 actual') }, itemStyle: { color: '#3b6fb6' } },
      ],
    });
  }

  function burndown(ctx, node) {
    const bd = ctx.data.burn_down;
    if (bd.first_day === null || bd.series.length === 0) return null;
    const first = dayMs(bd.first_day);
    node.dataset.kind = 'line';
    return Object.assign(base(), {
      color: PHASE_COLORS,
      legend: { top: 0, right: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: '未完成 open', minInterval: 1 },
      series: bd.series.map((s, i) => ({
        name: ctx.nameOf(ctx.phases, s.phase), type: 'line', showSymbol: false, smooth: false,
        areaStyle: { opacity: 0.08 }, lineStyle: { width: 2 },
        data: s.open.map((n, d) => [first + d * DAY, n]),
        markLine: i === 0 ? asOfLine(ctx, 'end') : undefined,
      })),
    });
  }

  function kinds(ctx) {
    const counts = ctx.data.summary.violations_by_kind;
    if (counts.length === 0) return null;
    const labels = counts.map((k) => ctx.kindLabel(k.kind));
    return Object.assign(base(), {
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: labels },
      series: [
        { name: '必须 required', type: 'bar', stack: 'n', color: '#cf4b4b', barMaxWidth: 26,
          data: counts.map((k) => k.required), label: { show: true, position: 'inside', color: '#fff' } },
        { name: '参考 advisory', type: 'bar', stack: 'n', color: '#e9b949', barMaxWidth: 26,
          data: counts.map((k) => k.advisory) },
      ],
    });
  }

  function groups(ctx) {
    const gs = ctx.data.summary.supervision_groups;
    const kindsSeen = ctx.data.summary.violations_by_kind.map((k) => k.kind);
    if (gs.length === 0 || kindsSeen.length === 0) return null;
    const names = gs.map((g) => g.supervision_group === null ? '无督导组 (none)'
                                                             : ctx.nameOf(ctx.groups, g.supervision_group));
    const series = kindsSeen.map((kind, i) => ({
      name: ctx.kindLabel(kind), type: 'bar', stack: 'v', barMaxWidth: 48,
      color: KIND_COLORS[i % KIND_COLORS.length],
      data: gs.map((g) => { const k = g.violations_by_kind.find((x) => x.kind === kind);
                            return k ? k.required + k.advisory : 0; }),
    }));
    series.push({
      name: '按时率 on-time rate', type: 'line', yAxisIndex: 1, color: '#2f9e6e', symbolSize: 8,
      data: gs.map((g) => g.on_time_rate === null ? null : Math.round(g.on_time_rate * 1000) / 10),
    });
    return Object.assign(base(), {
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: [{ type: 'value', name: '违规 violations', minInterval: 1 },
              { type: 'value', name: '按时率 %', min: 0, max: 100, splitLine: { show: false } }],
      series,
    });
  }

  // Heatmap: rows are units (at most MAX_UNITS, those with most required violations first when
  // there are more), columns are steps, the colour the share of the cell's work done.
  const MAX_UNITS = 300;
  function heatmap(ctx, node, note) {
    const { data } = ctx;
    if (data.cells.length === 0) return null;
    let shown = data.units.map((u) => u.id);
    if (shown.length > MAX_UNITS) {
      const score = (id) => ctx.unitStats.get(id).requiredViolations;
      shown = shown.slice().sort((a, b) => score(b) - score(a)).slice(0, MAX_UNITS);
      note.textContent = `显示违规最多的 ${MAX_UNITS} 个单位（共 ${data.units.length} 个）` +
                         ` · the ${MAX_UNITS} units with most violations, of ${data.units.length}`;
    }
    ctx.heatmapUnits = shown;
    const row = new Map(shown.map((id, i) => [id, i]));
    const col = new Map(data.steps.map((s, i) => [s.id, i]));
    // Work not due yet is grey, not red: a unit is not behind on a step whose deadline is ahead.
    const asOf = data.campaign.as_of;
    const cells = [];
    const notDue = [];
    for (const c of data.cells) {
      if (!row.has(c.unit) || !col.has(c.step) || c.required === 0) continue;
      const done = c.on_time + c.late + c.excused;
      const item = { value: [col.get(c.step), row.get(c.unit), Math.round((done / c.required) * 100)],
                     cell: c };
      (done < c.required && c.due !== null && c.due > asOf ? notDue : cells).push(item);
    }
    node.style.height = `${Math.max(300, 150 + shown.length * 24)}px`;
    return Object.assign(base(), {
      grid: { left: 16, right: 24, top: 8, bottom: 64, containLabel: true },
      tooltip: {
        confine: true,
        formatter: (p) => {
          const c = p.data.cell;
          return `${esc(ctx.nameOf(ctx.units, c.unit))}<br>${esc(ctx.nameOf(ctx.steps, c.step))}<br>` +
                 `完成 done ${c.on_time + c.late + c.excused}/${c.required}` +
                 (c.due ? ` · 期限 due ${c.due}` : '') +
                 ` · 按时 on time ${c.on_time} · 逾期 late ${c.late}` +
                 (c.overdue ? ` · <b style="color:#cf4b4b">已逾期 overdue ${c.overdue}</b>` : '');
        },
      },
      xAxis: { type: 'category', data: data.steps.map((s) => s.name || s.id), position: 'top',
               axisLabel: { interval: 0, rotate: 30 }, splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: shown.map((id) => ctx.nameOf(ctx.units, id)),
               axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center',
                   bottom: 4, itemHeight: 160, text: ['100% 完成 done', '0%'], seriesIndex: 0,
                   inRange: { color: ['#cf4b4b', '#f0c05a', '#2f9e6e'] } },
      legend: { bottom: 4, right: 8, data: ['未到期 not due yet'] },
      series: [
        { name: '完成 done', type: 'heatmap', data: cells,
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: '#1f2933' } } },
        { name: '未到期 not due yet', type: 'heatmap', data: notDue, color: '#d5dce6',
          itemStyle: { color: '#d5dce6', borderColor: '#fff', borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: '#1f2933' } } },
      ],
    });
  }

  return { gantt, burndown, kinds, groups, heatmap };
})();
