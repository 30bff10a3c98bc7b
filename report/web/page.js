// Lockstep report, page: reads the report JSON from the page, fills the header, the tables and
// the drill-down, and asks LockstepCharts for each chart. All text goes into the page through
// textContent, never as HTML. When it is done, window.lockstepReport.ready is true and
// window.lockstepReport.charts holds every ECharts instance (the browser test reads both).
'use strict';

(function () {
  const MAX_ROWS = 500;  // violation rows shown at once; the filter narrows the rest
  const KIND_LABELS = {
    late: '逾期完成', missed: '未完成', overdue: '已逾期', out_of_order: '顺序错误',
    skipped: '跳过步骤', evidence: '材料不符', missing_evidence: '缺少材料', gate: '未经转段',
  };
  const state = { charts: {}, ready: false };
  window.lockstepReport = state;

  const data = JSON.parse(document.getElementById('lockstep-data').textContent);
  const index = (items) => new Map(items.map((x) => [x.id, x]));
  const ctx = {
    data,
    units: index(data.units), steps: index(data.steps), phases: index(data.phases),
    orgTypes: index(data.org_types), groups: index(data.supervision_groups),
    nameOf: (map, id) => {
      if (id === null || id === undefined) return '—';
      const x = map.get(id);
      return x ? (x.name || x.id) : String(id);
    },
    kindLabel: (k) => (KIND_LABELS[k] ? `${KIND_LABELS[k]} ${k}` : k),
  };
  const pct = (r) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
  const $ = (id) => document.getElementById(id);

  // el('td', {className: 'num'}, 'text' or [nodes]): a node whose text is never parsed as HTML.
  function el(tag, props, content) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    if (content === undefined || content === null) return node;
    for (const c of Array.isArray(content) ? content : [content]) {
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // columns: [{title, num, cls, get(row) -> text or node}]
  function table(columns, rows, onClick) {
    const head = el('tr', null, columns.map((c) => el('th', { className: c.num ? 'num' : '' }, c.title)));
    const body = el('tbody');
    for (const r of rows) {
      const tr = el('tr', null, columns.map((c) =>
        el('td', { className: [c.num ? 'num' : '', c.cls ? c.cls(r) : ''].join(' ').trim() }, c.get(r))));
      if (onClick) {
        tr.classList.add('clickable');
        tr.addEventListener('click', () => onClick(r));
      }
      body.append(tr);
    }
    return el('table', null, [el('thead', null, head), body]);
  }

  function rateCell(rate) {
    if (rate === null || rate === undefined) return '—';
    const bar = el('span', { className: 'bar' }, el('i'));
    bar.firstChild.style.width = `${Math.round(rate * 100)}%`;
    return el('span', { className: rate >= 0.95 ? 'good' : rate >= 0.8 ? 'warn' : 'bad' },
              [bar, pct(rate)]);
  }

  // Per unit: required work done and overdue (required steps only), violations.
  function unitStats() {
    const stats = new Map(data.units.map((u) => [u.id, {
      unit: u, required: 0, done: 0, overdue: 0, violations: 0, requiredViolations: 0 }]));
    for (const c of data.cells) {
      const s = stats.get(c.unit);
      if (!s || ctx.steps.get(c.step)?.severity !== 'required') continue;
      s.required += c.required;
      s.done += c.on_time + c.late + c.excused;
      s.overdue += c.overdue;
    }
    for (const v of data.violations) {
      const s = stats.get(v.unit);
      if (!s) continue;
      s.violations += 1;
      if (v.severity === 'required') s.requiredViolations += 1;
    }
    return stats;
  }

  function header() {
    const c = data.campaign;
    const s = data.summary;
    $('title').textContent = c.name || c.id;
    $('subtitle').textContent = [`截至 as of ${c.as_of}`, c.start ? `开始 started ${c.start}` : '',
      c.source, c.runs > 1 ? `${c.runs} runs` : ''].filter(Boolean).join(' · ');
    const kpi = (value, label, cls) => el('div', { className: `kpi ${cls || ''}` },
                                          [el('b', null, value), el('span', null, label)]);
    $('kpis').append(
      kpi(data.units.length, '单位 units'),
      kpi(pct(s.on_time_rate), '按时率 on-time rate'),
      kpi(s.overdue, '已逾期 overdue'),
      kpi(`${s.required_violations} / ${s.violations}`, '违规 required / all'));
    $('footer').textContent = `Lockstep · report schema ${data.schema_version} · ${c.id}`;
  }

  function phaseTable() {
    // Org types that share a window are listed once with it, so a phase that runs at the same
    // time everywhere reads as one line.
    const windows = (ph) => {
      const groups = new Map();
      for (const w of ph.windows) {
        const span = `${w.start} – ${w.end}`;
        if (!groups.has(span)) groups.set(span, []);
        groups.get(span).push(ctx.nameOf(ctx.orgTypes, w.org_type));
      }
      if (groups.size === 1) return [...groups.keys()][0];
      return [...groups].map(([span, types]) => `${types.join('、')} ${span}`).join('；');
    };
    const rows = data.summary.phases.map((p) => Object.assign({ ph: ctx.phases.get(p.phase) }, p));
    $('phase-table').append(table([
      { title: '阶段 Phase', get: (r) => ctx.nameOf(ctx.phases, r.phase) },
      { title: '时间 Windows', cls: () => 'wrap', get: (r) => (r.ph ? windows(r.ph) : '') },
      { title: '应完成 Required', num: true, get: (r) => r.required },
      { title: '按时 On time', num: true, get: (r) => r.on_time },
      { title: '逾期完成 Late', num: true, cls: (r) => (r.late ? 'warn' : ''), get: (r) => r.late },
      { title: '已逾期 Overdue', num: true, cls: (r) => (r.overdue ? 'bad' : ''), get: (r) => r.overdue },
      { title: '免除 Excused', num: true, get: (r) => r.excused },
      { title: '未完成 Open', num: true, get: (r) => r.open },
      { title: '按时率 On-time rate', get: (r) => rateCell(r.on_time_rate) },
      { title: '违规 Violations', num: true, get: (r) => r.violations },
    ], rows));
  }

  function drillDown(stats) {
    const select = $('unit-filter');
    const text = $('text-filter');
    select.append(el('option', { value: '' }, `全部单位 All units (${data.units.length})`));
    for (const u of data.units) select.append(el('option', { value: u.id }, `${u.name || u.id} (${u.id})`));

    const render = () => {
      const unit = select.value;
      const needle = text.value.trim().toLowerCase();
      const units = [...stats.values()].filter((s) => !unit || s.unit.id === unit);
      $('unit-table').replaceChildren(table([
        { title: '单位 Unit', get: (s) => s.unit.name || s.unit.id },
        { title: '类型 Org type', get: (s) => ctx.nameOf(ctx.orgTypes, s.unit.org_type) },
        { title: '督导组 Group', get: (s) => ctx.nameOf(ctx.groups, s.unit.supervision_group) },
        { title: '完成 Done', num: true, get: (s) => `${s.done}/${s.required}` },
        { title: '已逾期 Overdue', num: true, cls: (s) => (s.overdue ? 'bad' : ''), get: (s) => s.overdue },
        { title: '违规 Violations', num: true, get: (s) => s.violations },
        { title: '必须 Required', num: true, cls: (s) => (s.requiredViolations ? 'bad' : ''),
          get: (s) => s.requiredViolations },
      ], units, (s) => { select.value = s.unit.id; render(); }));

      const matches = data.violations.filter((v) => {
        if (unit && v.unit !== unit) return false;
        if (!needle) return true;
        return [ctx.nameOf(ctx.units, v.unit), v.unit, v.member, v.member_name,
                ctx.nameOf(ctx.steps, v.step), v.kind, ctx.kindLabel(v.kind), v.message, v.rule]
          .some((f) => f && String(f).toLowerCase().includes(needle));
      });
      const shown = matches.slice(0, MAX_ROWS);
      $('violation-note').textContent = matches.length > MAX_ROWS
        ? `显示前 ${MAX_ROWS} 条，共 ${matches.length} 条 · first ${MAX_ROWS} of ${matches.length}`
        : `${matches.length} 条 violations`;
      $('violation-table').replaceChildren(table([
        { title: '日期 Day', get: (v) => v.day },
        { title: '单位 Unit', get: (v) => ctx.nameOf(ctx.units, v.unit) },
        { title: '党员 Member', get: (v) => v.member_name || v.member || '—' },
        { title: '阶段 Phase', get: (v) => ctx.nameOf(ctx.phases, v.phase) },
        { title: '步骤 Step', get: (v) => ctx.nameOf(ctx.steps, v.step) },
        { title: '类型 Kind', get: (v) => ctx.kindLabel(v.kind) },
        { title: '程度 Severity', get: (v) => el('span', { className: `pill ${v.severity}` },
                                                 v.severity === 'required' ? '必须 required' : '参考 advisory') },
        { title: '规则 Rule', cls: () => 'rule', get: (v) => v.rule },
        { title: '说明 Message', cls: () => 'wrap', get: (v) => v.message },
      ], shown));
    };
    select.addEventListener('change', render);
    text.addEventListener('input', render);
    render();
    return (unitId) => { select.value = unitId; render(); $('drill').scrollIntoView(); };
  }

  function forecastTable() {
    if (data.forecasts.length === 0) return;
    $('forecast-section').hidden = false;
    $('forecast-table').append(table([
      { title: '单位 Unit', get: (f) => ctx.nameOf(ctx.units, f.unit) },
      { title: '步骤 Step', get: (f) => ctx.nameOf(ctx.steps, f.step) },
      { title: '按时概率 P(on time)', get: (f) => rateCell(f.on_time_probability) },
      { title: 'p10', get: (f) => f.p10 }, { title: 'p50', get: (f) => f.p50 },
      { title: 'p90', get: (f) => f.p90 },
    ], data.forecasts));
  }

  function drawChart(name, draw, onClick) {
    const node = $(`chart-${name}`);
    try {
      const option = draw(ctx, node, $('heatmap-note'));
      if (!option) {
        node.className = 'empty';
        node.textContent = '无数据 No data';
        return;
      }
      const chart = echarts.init(node, null, { renderer: 'canvas' });
      chart.setOption(option);
      if (onClick) chart.on('click', onClick);
      state.charts[name] = chart;
    } catch (e) {
      console.error(`chart ${name}: ${e && e.stack ? e.stack : e}`);
    }
  }

  ctx.unitStats = unitStats();
  header();
  phaseTable();
  const showUnit = drillDown(ctx.unitStats);
  forecastTable();
  drawChart('gantt', LockstepCharts.gantt);
  drawChart('burndown', LockstepCharts.burndown);
  drawChart('kinds', LockstepCharts.kinds);
  drawChart('groups', LockstepCharts.groups);
  drawChart('heatmap', LockstepCharts.heatmap, (p) => {
    const id = ctx.heatmapUnits && ctx.heatmapUnits[p.value[1]];
    if (id) showUnit(id);
  });
  window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
  state.ready = true;
})();
