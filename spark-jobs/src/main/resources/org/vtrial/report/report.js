/*
 * vtrial trial report: draws the charts of the page from the embedded data (script#report-data)
 * with the inlined Apache ECharts (SVG renderer: crisp when printed). Arms keep one colour, dash
 * pattern and marker throughout; colours come from the viridis ramp, whose lightness rises
 * monotonically, spaced evenly in luminance, so that grey-scale prints still tell arms and grades apart.
 *
 * After drawing, window.__vtrialRender (and pre#render-check) holds per chart the number of
 * values given and of SVG elements drawn by the data: the elements of the chart minus those of
 * the same chart with its series emptied (axes, legend and titles cancel out).
 */
(function () {
  'use strict';
  var render = { charts: [], errors: [] };
  window.__vtrialRender = render;
  window.addEventListener('error', function (e) { render.errors.push(String(e.message)); });

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var arms = data.arms;
  var FONT = '"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif';
  var INK = '#1d2330';
  var MUTED = '#5b6475';

  // ---------------------------------------------------------------------------------------------
  // Styles

  // viridis (matplotlib), 10 stops
  var VIRIDIS = [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
    [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]];
  function viridis(t) {
    var x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    var i = Math.min(VIRIDIS.length - 2, Math.floor(x));
    var f = x - i;
    var c = [0, 1, 2].map(function (k) { return Math.round(VIRIDIS[i][k] + f * (VIRIDIS[i + 1][k] - VIRIDIS[i][k])); });
    return 'rgb(' + c.join(',') + ')';
  }
  function alpha(rgb, a) { return rgb.replace('rgb(', 'rgba(').replace(')', ',' + a + ')'); }
  var DASHES = ['solid', [10, 5], [2, 4], [12, 4, 2, 4], [22, 6]];
  var SYMBOLS = ['circle', 'triangle', 'rect', 'diamond', 'pin', 'arrow', 'roundRect'];
  /* Relative luminance (WCAG 2) of a viridis colour: what a grey-scale print keeps of it. */
  function luminance(t) {
    var c = viridis(t).replace(/[^0-9,]/g, '').split(',').map(function (v) {
      v = Number(v) / 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  /* The viridis position of a given luminance (viridis' luminance rises monotonically). */
  function viridisAt(l) {
    var a = 0;
    var b = 1;
    for (var k = 0; k < 40; k++) {
      var m = (a + b) / 2;
      if (luminance(m) < l) { a = m; } else { b = m; }
    }
    return (a + b) / 2;
  }
  /* Arm colours evenly spaced in luminance from viridis' darkest to its position 0.72 (up to four
   * arms) or 0.8 (more; lighter greens and yellows fade on white): 2 to 5 arms stay at least 0.1
   * apart in relative luminance, beyond that dash patterns and markers still tell them apart. */
  function armColours(n) {
    if (n === 1) { return [viridis(0.3)]; }
    var l0 = luminance(0);
    var l1 = luminance(n <= 4 ? 0.72 : 0.8);
    var out = [];
    for (var i = 0; i < n; i++) { out.push(viridis(viridisAt(l0 + (l1 - l0) * i / (n - 1)))); }
    return out;
  }
  var ARM_COLOURS = armColours(arms.length);
  function armStyle(arm) {
    var i = arms.indexOf(arm);
    return {
      color: ARM_COLOURS[i],
      dash: DASHES[i % DASHES.length],
      symbol: SYMBOLS[i % SYMBOLS.length]
    };
  }
  var RESPONSE_COLORS = { CR: viridis(0.0), PR: viridis(0.38), SD: viridis(0.68), PD: viridis(0.95) };
  var RESPONSE_DECALS = {
    CR: null,
    PR: null,
    SD: { symbol: 'circle', symbolSize: 0.5, dashArrayX: [[4, 4]], dashArrayY: [4, 4], color: 'rgba(0,0,0,0.35)' },
    PD: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: 'rgba(0,0,0,0.45)' }
  };
  var HATCH = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4,
    color: 'rgba(255,255,255,0.55)' };
  var CRS_COLORS = ['#eef0f3', viridis(0.88), viridis(0.6), viridis(0.3), viridis(0.0)];

  var SUP = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
  function num(v) {
    if (v === 0) { return '0'; }
    var a = Math.abs(v);
    if (a >= 1e4 || a < 1e-2) {
      var e = Math.round(Math.log10(a));
      if (Math.abs(a / Math.pow(10, e) - 1) < 1e-9) {
        return (v < 0 ? '−' : '') + '10' + String(e).split('').map(function (c) { return SUP[c]; }).join('');
      }
      return v.toExponential(1).replace('-', '−');
    }
    return String(Number(v.toPrecision(3))).replace('-', '−');
  }
  function pct(v, d) { return (v === null || v === undefined) ? '–' : (v * 100).toFixed(d === undefined ? 1 : d) + '%'; }
  function decadeFloor(v) { return Math.pow(10, Math.floor(Math.log10(v))); }
  function decadeCeil(v) { return Math.pow(10, Math.ceil(Math.log10(v))); }
  function zip(x, y) {
    var out = [];
    for (var i = 0; i < x.length; i++) { out.push([x[i], y[i]]); }
    return out;
  }
  function positive(v) { return v !== null && v > 0 ? v : null; }

  function axisName(text, gap) {
    return { name: text, nameLocation: 'middle', nameGap: gap, nameTextStyle: { fontSize: 13, color: INK, fontWeight: 600 } };
  }
  function valueAxis(o) {
    // onZero off: on a logarithmic axis "zero" lies at infinity
    var a = { type: 'value', axisLine: { show: true, onZero: false, lineStyle: { color: MUTED } }, axisTick: { show: true },
      axisLabel: { color: INK, fontSize: 12 }, splitLine: { lineStyle: { color: '#e6e9ef' } } };
    return Object.assign(a, o);
  }
  function logAxis(o) {
    return valueAxis(Object.assign({ type: 'log', logBase: 10, axisLabel: { color: INK, fontSize: 12, formatter: num },
      minorTick: { show: true }, minorSplitLine: { show: true, lineStyle: { color: '#f2f3f6' } } }, o));
  }
  function legend(names, extra) {
    return Object.assign({ data: names, top: 4, left: 'center', itemWidth: 34, itemHeight: 12, itemGap: 18,
      textStyle: { fontSize: 13, color: INK } }, extra || {});
  }
  function base(o) {
    return Object.assign({
      animation: false,
      textStyle: { fontFamily: FONT, color: INK },
      tooltip: { trigger: 'item', confine: true, textStyle: { fontSize: 12 } }
    }, o);
  }

  /* Whiskers of a 95% interval over grouped bars: one group per category, k bars per group. The
   * bars' layout is fixed by barCategoryGap 30%, barGap 20% and barMaxWidth (set on the bar series):
   * k bars of width w and k - 1 gaps of 0.2 w, centred on the category. range: [min, max] of the
   * value axis, if given; an interval reaching beyond it is drawn to the axis' end with an arrowhead
   * there instead of a cap (it continues off the chart). */
  var CATEGORY_GAP = 0.3;
  var BAR_GAP = 0.2;
  function whiskers(name, data, index, k, horizontal, maxWidth, range) {
    return {
      type: 'custom', name: name, data: data, z: 5, silent: true,
      encode: horizontal ? { y: 0, x: [1, 2] } : { x: 0, y: [1, 2] },
      renderItem: function (params, api) {
        var cat = api.value(0);
        var lo = api.value(1);
        var hi = api.value(2);
        var cutLo = range && lo < range[0];
        var cutHi = range && hi > range[1];
        if (cutLo) { lo = range[0]; }
        if (cutHi) { hi = range[1]; }
        var band = horizontal ? api.size([0, 1])[1] : api.size([1, 0])[0];
        var w = Math.min(maxWidth || Infinity, (1 - CATEGORY_GAP) * band / (k + BAR_GAP * (k - 1)));
        var off = -w * (k + BAR_GAP * (k - 1)) / 2 + w / 2 + index * w * (1 + BAR_GAP);
        var a = api.coord(horizontal ? [lo, cat] : [cat, lo]);
        var b = api.coord(horizontal ? [hi, cat] : [cat, hi]);
        var cap = Math.max(3, Math.min(8, w * 0.25));
        var style = { stroke: INK, lineWidth: 1.6 };
        var halo = { stroke: 'rgba(255,255,255,0.85)', lineWidth: 4 };
        // in (along, across) coordinates: along the value axis, across the category axis
        function seg(p1, p2) {
          return horizontal ? [p1[0], p1[1] + off, p2[0], p2[1] + off] : [p1[0] + off, p1[1], p2[0] + off, p2[1]];
        }
        function end(p, cut, dir) {
          var x = horizontal ? p[0] : p[0] + off;
          var y = horizontal ? p[1] + off : p[1];
          if (!cut) {
            return [horizontal ? [x, y - cap, x, y + cap] : [x - cap, y, x + cap, y]];
          }
          // arrowhead pointing off the chart (dir: +1 towards larger values)
          var d = 7 * dir;
          return horizontal
            ? [[x - d, y - cap, x, y], [x - d, y + cap, x, y]]
            : [[x - cap, y + d, x, y], [x + cap, y + d, x, y]];
        }
        var lines = [seg(a, b)].concat(end(a, cutLo, -1), end(b, cutHi, 1));
        // a white halo under each stroke keeps the whisker visible over dark and hatched bars
        var children = [];
        [halo, style].forEach(function (st) {
          lines.forEach(function (l) {
            children.push({ type: 'line', shape: { x1: l[0], y1: l[1], x2: l[2], y2: l[3] }, style: st });
          });
        });
        return { type: 'group', children: children };
      }
    };
  }

  /* A shaded band between lo and hi (arrays over xs; null breaks the band), drawn as polygons in
   * data coordinates: works on logarithmic axes, where stacked areas do not. step: each value holds
   * until the next x (Kaplan-Meier). Values are clamped into [floor, ceil] of the value axis. */
  function band(name, xs, lo, hi, color, step, floor, ceil) {
    function clamp(v) { return Math.max(floor, Math.min(ceil, v)); }
    var first = 0;
    while (first < xs.length && (lo[first] === null || hi[first] === null)) { first++; }
    return {
      type: 'custom', name: name, silent: true, z: 1, tooltip: { show: false },
      data: first < xs.length ? [[xs[first], clamp(hi[first])]] : [],
      renderItem: function (params, api) {
        var polys = [];
        var top = [];
        var bottom = [];
        function close() {
          if (top.length > 1) { polys.push(top.concat(bottom.reverse())); }
          top = [];
          bottom = [];
        }
        for (var i = 0; i < xs.length; i++) {
          if (lo[i] === null || hi[i] === null) {
            if (step && top.length && i > 0) {
              top.push(api.coord([xs[i], clamp(hi[i - 1])]));
              bottom.push(api.coord([xs[i], clamp(lo[i - 1])]));
            }
            close();
            continue;
          }
          if (step && top.length) {
            top.push(api.coord([xs[i], clamp(hi[i - 1])]));
            bottom.push(api.coord([xs[i], clamp(lo[i - 1])]));
          }
          top.push(api.coord([xs[i], clamp(hi[i])]));
          bottom.push(api.coord([xs[i], clamp(lo[i])]));
        }
        close();
        return { type: 'group', children: polys.map(function (p) {
          return { type: 'polygon', shape: { points: p }, style: { fill: color, stroke: 'none' } };
        }) };
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Charts: each returns an ECharts option for its container (key: arm or output, if any)

  var charts = {};

  charts.response = function () {
    var r = data.response;
    var present = arms.filter(function (a) { return r[a]; });
    var measures = [['orr', 'Objective response (CR + PR)', viridis(0.62), null], ['cr', 'Complete response', viridis(0.12), HATCH]];
    var series = [];
    measures.forEach(function (m, i) {
      series.push({
        type: 'bar', name: m[1], barCategoryGap: (CATEGORY_GAP * 100) + '%', barGap: (BAR_GAP * 100) + '%',
        barMaxWidth: 110, itemStyle: { color: m[2], borderColor: INK, borderWidth: 1, decal: m[3] },
        label: { show: true, position: 'insideBottom', distance: 8, formatter: function (p) { return pct(p.value / 100); },
          color: i === 0 ? INK : '#fff', fontWeight: 600, fontSize: 13, backgroundColor: i === 0 ? 'rgba(255,255,255,0.75)' : 'rgba(0,0,0,0.35)', padding: [2, 4] },
        data: present.map(function (a) { return r[a][m[0]][0] * 100; })
      });
    });
    measures.forEach(function (m, i) {
      series.push(whiskers(m[1] + ' 95% CI', present.map(function (a, j) {
        return [j, r[a][m[0]][1] * 100, r[a][m[0]][2] * 100];
      }), i, 2, false, 110));
    });
    return base({
      legend: legend(measures.map(function (m) { return m[1]; })),
      grid: { left: 80, right: 30, top: 50, bottom: 60 },
      xAxis: Object.assign({ type: 'category', data: present.map(function (a) {
        return a + '\n(n = ' + r[a].n.toLocaleString('en') + ')';
      }), axisLabel: { color: INK, fontSize: 13, fontWeight: 600 }, axisLine: { lineStyle: { color: MUTED } } }),
      yAxis: valueAxis(Object.assign({ min: 0, max: 100, interval: 20, axisLabel: { formatter: '{value}%', color: INK } },
        axisName('Patients with response (%)', 50))),
      series: series
    });
  };

  charts.waterfall = function (arm) {
    var w = data.waterfall[arm];
    var s = data.settings;
    var bars = w.bars.slice().sort(function (a, b) { return b[1] - a[1]; });
    var cats = ['CR', 'PR', 'SD', 'PD'];
    var labels = { CR: 'Complete response', PR: 'Partial response', SD: 'Stable disease', PD: 'Progressive disease' };
    var present = cats.filter(function (c) { return bars.some(function (b) { return b[2] === c; }); });
    // ticks from -100% in steps of 20, 50, 100, ... percent (at most 8 intervals), so that 0% and
    // -100% are both ticks and no two labels crowd each other; at least +60% shown (the PD line)
    var highest = Math.max(60, 10 + Math.max.apply(null, bars.map(function (b) { return b[1]; })));
    var step = [20, 50, 100, 200, 500, 1000, 2000, 5000].filter(function (t) { return (highest + 100) / t <= 8; })[0] || 10000;
    var maxUp = Math.ceil(highest / step) * step;
    var lines = [];
    if (s.cr_ratio !== undefined) { lines.push([(s.cr_ratio - 1) * 100, 'CR']); }
    if (s.pr_ratio !== undefined) { lines.push([(s.pr_ratio - 1) * 100, 'PR']); }
    if (s.pd_ratio !== undefined && (s.pd_ratio - 1) * 100 <= maxUp) { lines.push([(s.pd_ratio - 1) * 100, 'PD']); }
    var series = present.map(function (c, i) {
      return {
        type: 'bar', name: labels[c], stack: 'patients', barCategoryGap: bars.length > 60 ? '0%' : '15%',
        itemStyle: { color: RESPONSE_COLORS[c], borderColor: bars.length > 200 ? 'transparent' : INK, borderWidth: 0.6,
          decal: RESPONSE_DECALS[c] },
        data: bars.map(function (b) { return b[2] === c ? b[1] : null; }),
        tooltip: { formatter: function (p) { return 'patient ' + bars[p.dataIndex][0] + ': ' + p.value.toFixed(1) + '% (' + c + ')'; } },
        markLine: i === 0 ? { silent: true, symbol: 'none', animation: false,
          lineStyle: { color: INK, type: [6, 4], width: 1.2 },
          label: { position: 'end', formatter: '{b}', color: INK, fontSize: 12 },
          data: lines.map(function (l) { return { yAxis: l[0], name: l[1] + ' ' + (l[0] > 0 ? '+' : '−') + Math.abs(l[0]).toFixed(0) + '%' }; }) } : undefined
      };
    });
    return base({
      title: { text: arm, left: 'center', top: 2, textStyle: { fontSize: 15, fontWeight: 650, color: INK } },
      legend: legend(present.map(function (c) { return labels[c]; }), { top: 26 }),
      grid: { left: 72, right: 76, top: 66, bottom: 44 },
      xAxis: Object.assign({ type: 'category', data: bars.map(function (b) { return String(b[0]); }),
        axisLabel: { show: false }, axisTick: { show: false }, axisLine: { onZero: true, lineStyle: { color: MUTED } } },
      axisName('Patients of the trajectory sample, sorted', 22)),
      yAxis: valueAxis(Object.assign({ min: -100, max: maxUp, interval: step, axisLabel: { formatter: '{value}%', color: INK } },
        axisName('Best change from day 0 (%)', 48))),
      series: series
    });
  };

  function followUpAxis(name) {
    return valueAxis(Object.assign({ min: 0, max: data.horizon, interval: data.axisStep }, axisName(name, 32)));
  }

  /* Kaplan-Meier curves with, under the plot and aligned with its day axis, the numbers at risk per
   * arm at each tick (a second grid sharing the day axis' range and left edge). */
  var KM_PLOT = 330;
  var RISK_ROW = 24;
  charts.km = function () {
    var series = [];
    var names = [];
    arms.forEach(function (arm) {
      var k = data.km[arm];
      if (!k) { return; }
      var st = armStyle(arm);
      names.push(arm);
      series.push({ type: 'line', name: arm, step: 'end', showSymbol: false, symbol: st.symbol, symbolSize: 9,
        lineStyle: { color: st.color, width: 2.6, type: st.dash }, itemStyle: { color: st.color }, z: 4,
        data: zip(k.day, k.s) });
      series.push(band(arm, k.day, k.lo, k.hi, alpha(st.color, 0.16), true, 0, 1));
      series.push({ type: 'scatter', name: arm, symbol: 'rect', symbolSize: [2, 11], z: 5, itemStyle: { color: st.color },
        data: k.censor, tooltip: { formatter: function (p) { return arm + ': censored at day ' + p.value[0]; } } });
      series.push({ type: 'scatter', name: arm, symbol: st.symbol, symbolSize: 11, z: 6,
        itemStyle: { color: st.color, borderColor: '#fff', borderWidth: 1.5 }, data: data.kmAt[arm] || [],
        tooltip: { formatter: function (p) { return arm + ', day ' + p.value[0] + ': ' + pct(p.value[1]) + ' relapse-free'; } } });
    });
    // numbers at risk: one row per arm, one number per tick of the day axis
    series.push({ type: 'scatter', name: 'at risk', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 0, silent: true,
      tooltip: { show: false },
      label: { show: true, position: 'inside', color: INK, fontSize: 13, formatter: function (p) { return p.value[2].toLocaleString('en'); } },
      data: [].concat.apply([], names.map(function (arm) {
        return data.km[arm].atRisk.map(function (r) { return [r[0], arm, r[1]]; });
      })) });
    var left = Math.max(80, 28 + 8 * Math.max.apply(null, names.map(function (a) { return a.length; })));
    var riskTop = 48 + KM_PLOT + 78;
    return base({
      _height: riskTop + RISK_ROW * names.length + 14,
      title: { text: 'Number at risk', left: 8, top: riskTop - 24, textStyle: { fontSize: 13, fontWeight: 650, color: INK } },
      legend: legend(names),
      grid: [{ left: left, right: 30, top: 48, height: KM_PLOT },
        { left: left, right: 30, top: riskTop, height: RISK_ROW * names.length }],
      xAxis: [followUpAxis('Days since infusion'),
        { type: 'value', gridIndex: 1, min: 0, max: data.horizon, interval: data.axisStep, show: false }],
      yAxis: [valueAxis(Object.assign({ min: 0, max: 1, interval: 0.2, axisLabel: { formatter: function (v) { return pct(v, 0); }, color: INK } },
        axisName('Relapse-free among complete responders', 54))),
        { type: 'category', gridIndex: 1, inverse: true, data: names, axisLine: { show: false }, axisTick: { show: false },
          splitLine: { show: false }, axisLabel: { color: INK, fontSize: 13, fontWeight: 600, margin: 26,
            formatter: function (v) { return v; } } }],
      series: series
    });
  };

  charts.incidence = function () {
    var series = [];
    var names = [];
    var top = 0;
    arms.forEach(function (arm) {
      var c = data.incidence[arm];
      if (!c) { return; }
      var st = armStyle(arm);
      [['negative', 'solid', 2.8], ['positive', [8, 5], 2.2]].forEach(function (g) {
        var curve = c[g[0]];
        if (!curve || curve.day.length === 0) { return; }
        var name = arm + ' · antigen-' + g[0];
        names.push(name);
        curve.p.forEach(function (v) { top = Math.max(top, v || 0); });
        series.push({ type: 'line', name: name, step: 'end', showSymbol: false, symbol: st.symbol, symbolSize: 9,
          lineStyle: { color: st.color, width: g[2], type: g[1] }, itemStyle: { color: st.color }, data: zip(curve.day, curve.p) });
        series.push({ type: 'scatter', name: name, symbol: st.symbol, symbolSize: 10,
          itemStyle: { color: g[0] === 'negative' ? st.color : '#fff', borderColor: st.color, borderWidth: 2 },
          data: (data.incidenceAt[arm] || {})[g[0]] || [],
          tooltip: { formatter: function (p) { return name + ', day ' + p.value[0] + ': ' + pct(p.value[1]); } } });
      });
    });
    var max = Math.min(1, Math.max(0.1, Math.ceil(top * 10 + 0.5) / 10));
    return base({
      legend: legend(names, { type: 'scroll' }),
      grid: { left: 80, right: 30, top: 48, bottom: 58 },
      xAxis: followUpAxis('Days since infusion'),
      yAxis: valueAxis(Object.assign({ min: 0, max: max, axisLabel: { formatter: function (v) { return pct(v, 0); }, color: INK } },
        axisName('Cumulative incidence of relapse', 54))),
      series: series
    });
  };

  charts.kinetics = function (arm) {
    var k = data.kinetics[arm];
    var st = armStyle(arm);
    var lod = data.settings.car_detection_limit;
    var hi = 0;
    var lo = Infinity;
    k.p95.concat.apply(k.p95, k.lines).forEach(function (v) { if (v > 0) { hi = Math.max(hi, v); lo = Math.min(lo, v); } });
    var yMin = decadeFloor(lod > 0 ? Math.min(lod / 10, Math.max(lo, lod / 100)) : Math.max(lo, hi * 1e-6));
    var yMax = decadeCeil(hi);
    var series = k.lines.map(function (line) {
      return { type: 'line', name: 'Individual patients', showSymbol: false, silent: true, z: 1,
        lineStyle: { color: alpha(st.color, 0.6), width: 1 }, itemStyle: { color: alpha(st.color, 0.6) },
        data: zip(k.days, line.map(positive)) };
    });
    series.push({ type: 'line', name: '5th–95th percentile', showSymbol: false, silent: true, z: 2,
      lineStyle: { color: INK, width: 1, type: [3, 3] }, itemStyle: { color: alpha(st.color, 0.3) },
      data: zip(k.days, k.p5.map(positive)) });
    series.push(band('5th–95th percentile', k.days, k.p5.map(positive), k.p95.map(positive), alpha(st.color, 0.3),
      false, yMin, yMax));
    series.push({ type: 'line', name: '5th–95th percentile', showSymbol: false, silent: true, z: 2,
      lineStyle: { color: INK, width: 1, type: [3, 3] }, itemStyle: { color: alpha(st.color, 0.3) },
      data: zip(k.days, k.p95.map(positive)) });
    series.push({ type: 'line', name: 'Median', showSymbol: false, z: 4, lineStyle: { color: INK, width: 3 },
      itemStyle: { color: INK }, data: zip(k.days, k.p50.map(positive)) });
    var names = ['Individual patients', 'Median', '5th–95th percentile'];
    if (lod > 0) {
      // a line series, not a markLine: ECharts 5.3 drew this markLine at infinite coordinates on log axes
      var limit = 'Detection limit (' + num(lod) + ')';
      names.push(limit);
      series.push({ type: 'line', name: limit, showSymbol: false, silent: true, z: 3,
        lineStyle: { color: '#8a1c1c', type: [8, 4], width: 1.5 }, itemStyle: { color: '#8a1c1c' },
        data: [[1, lod], [Math.max(2, data.horizon), lod]] });
    }
    return base({
      title: { text: arm, left: 'center', top: 2, textStyle: { fontSize: 15, fontWeight: 650, color: INK } },
      legend: legend(names, { top: 26, itemGap: 12, itemWidth: 28 }),
      grid: { left: 76, right: 22, top: 66, bottom: 56 },
      xAxis: logAxis(Object.assign({ min: 1, max: Math.max(2, data.horizon) }, axisName('Days since infusion (log scale)', 32))),
      yAxis: logAxis(Object.assign({ min: yMin, max: yMax }, axisName('Blood CAR-T cells per µL (log scale)', 50))),
      series: series
    });
  };

  charts.peak = function () {
    var series = [];
    var medians = {};
    var names = [];
    var lo = Infinity;
    var hi = 0;
    var top = 0;
    arms.forEach(function (arm) {
      var p = data.peak[arm];
      if (!p || !p.bins.length || !p.n) { return; }
      var st = armStyle(arm);
      // bins [k, lo, hi, patients], k for [10^(k/10), 10^((k+1)/10)); empty bins drawn at 0
      var bins = p.bins.slice().sort(function (x, y) { return x[0] - y[0]; });
      var count = {};
      bins.forEach(function (b) { count[b[0]] = b[3]; });
      var first = bins[0][0];
      var last = bins[bins.length - 1][0];
      var edge = function (k) { return Math.pow(10, k / 10); };
      var pts = [[edge(first), 0]];
      for (var k = first; k <= last; k++) {
        var v = 100 * (count[k] || 0) / p.n;
        top = Math.max(top, v);
        pts.push([edge(k), v]);
      }
      pts.push([edge(last + 1), 0]);
      lo = Math.min(lo, edge(first));
      hi = Math.max(hi, edge(last + 1));
      names.push(arm);
      series.push({ type: 'line', name: arm, step: 'end', showSymbol: false, symbol: st.symbol, symbolSize: 9,
        lineStyle: { color: st.color, width: 2.4, type: st.dash }, itemStyle: { color: st.color },
        areaStyle: { color: alpha(st.color, 0.1) }, data: pts });
      medians[arm] = p.median;
    });
    // medians as vertical line series (ECharts 5.3 drew markLines at infinite coordinates on log axes)
    var yMax = Math.ceil(top / 5 + 0.2) * 5;
    names.forEach(function (arm) {
      var st = armStyle(arm);
      if (medians[arm]) {
        series.push({ type: 'line', name: arm, showSymbol: false, silent: true, z: 3,
          lineStyle: { color: st.color, width: 2, type: st.dash }, itemStyle: { color: st.color },
          data: [[medians[arm], 0], [medians[arm], yMax]] });
      }
    });
    var unit = (data.peakUnit || 'cells/uL').replace('uL', 'µL');
    return base({
      legend: legend(names, { formatter: function (name) {
        return name + (medians[name] ? '  (median ' + num(medians[name]) + ' ' + unit + ')' : '');
      } }),
      grid: { left: 80, right: 40, top: 56, bottom: 58 },
      xAxis: logAxis(Object.assign({ min: decadeFloor(lo), max: decadeCeil(hi) }, axisName('Peak blood CAR-T concentration (' + unit + ', log scale)', 34))),
      yAxis: valueAxis(Object.assign({ min: 0, max: yMax, axisLabel: { formatter: '{value}%', color: INK } },
        axisName('Patients of the arm (% per 0.1 decade)', 52))),
      series: series
    });
  };

  charts.crs = function () {
    var present = arms.filter(function (a) { return data.crs[a] && data.crs[a].n > 0; });
    var series = [0, 1, 2, 3, 4].map(function (g) {
      return {
        type: 'bar', name: 'Grade ' + g, stack: 'crs', barCategoryGap: '38%',
        itemStyle: { color: CRS_COLORS[g], borderColor: '#fff', borderWidth: 1, decal: g >= 3 ? HATCH : null },
        label: { show: true, formatter: function (p) { return p.value >= 4 ? p.value.toFixed(0) + '%' : ''; },
          color: g >= 2 ? '#fff' : INK, fontSize: 12, fontWeight: 600 },
        tooltip: { formatter: function (p) { return p.name + ', grade ' + g + ': ' + p.value.toFixed(1) + '%'; } },
        data: present.map(function (a) { return 100 * data.crs[a].grades[g] / data.crs[a].n; })
      };
    });
    return base({
      legend: legend(series.map(function (s) { return s.name; }), { itemWidth: 22 }),
      grid: { left: 130, right: 30, top: 44, bottom: 56 },
      xAxis: valueAxis(Object.assign({ min: 0, max: 100, interval: 20, axisLabel: { formatter: '{value}%', color: INK } },
        axisName('Patients (%)', 32))),
      yAxis: { type: 'category', inverse: true, data: present.map(function (a) { return a + '\n(n = ' + data.crs[a].n.toLocaleString('en') + ')'; }),
        axisLabel: { color: INK, fontSize: 13, fontWeight: 600 }, axisLine: { lineStyle: { color: MUTED } } },
      series: series
    });
  };

  charts.sensitivity = function (endpoint) {
    var e = data.sensitivity.endpoints.filter(function (x) { return x.endpoint === endpoint; })[0];
    var sobol = e.parameters.some(function (p) { return p.ST || p.S1; });
    var order = sobol ? ['ST', 'S1'] : ['mu_star', 'sigma'];
    var labels = sobol ? { ST: 'Total index ST', S1: 'First-order index S1' } : { mu_star: 'μ* (mean |effect|)', sigma: 'σ (spread of effects)' };
    var key = order[0];
    var params = e.parameters.slice().sort(function (a, b) {
      return ((b[key] || [0])[0] || 0) - ((a[key] || [0])[0] || 0);
    });
    var cats = params.map(function (p) { return p.parameter; });
    var colors = [viridis(0.12), viridis(0.62)];
    // the value axis covers every bar; Sobol: at most 0 to 1.2 (indices are shares of the variance,
    // estimates may stray a little beyond [0, 1]), whiskers reaching further end in an arrowhead
    var top = 0;
    var lowest = 0;
    params.forEach(function (p) {
      order.forEach(function (idx) {
        var v = p[idx];
        if (!v) { return; }
        if (v[0] !== null) { top = Math.max(top, v[0]); lowest = Math.min(lowest, v[0]); }
        if (v[2] !== null && v[2] !== undefined) { top = Math.max(top, v[2]); }
        if (v[1] !== null && v[1] !== undefined) { lowest = Math.min(lowest, v[1]); }
      });
    });
    var min = sobol ? Math.max(-0.2, Math.floor(lowest * 10) / 10) : 0;
    var max = sobol ? Math.min(1.2, Math.max(0.2, Math.ceil(top * 10) / 10))
      : (top > 0 ? Number((top * 1.1).toPrecision(2)) : 1);
    var series = [];
    order.forEach(function (idx, i) {
      series.push({ type: 'bar', name: labels[idx], barCategoryGap: (CATEGORY_GAP * 100) + '%', barGap: (BAR_GAP * 100) + '%',
        itemStyle: { color: colors[i], borderColor: INK, borderWidth: 0.8, decal: i === 0 ? HATCH : null },
        data: params.map(function (p) { return p[idx] ? p[idx][0] : null; }) });
    });
    order.forEach(function (idx, i) {
      series.push(whiskers(labels[idx] + ' interval', params.map(function (p, j) {
        var v = p[idx];
        return v && v[1] !== null && v[2] !== null && v[1] !== undefined ? [j, v[1], v[2]] : [j, null, null];
      }), i, 2, true, undefined, [min, max]));
    });
    // an output no parameter moves (every estimate 0) is said so, not left as an empty-looking chart
    var allZero = params.every(function (p) {
      return order.every(function (idx) { return !p[idx] || p[idx][0] === null || p[idx][0] === 0; });
    });
    return base({
      title: { text: endpoint, left: 'center', top: 2, textStyle: { fontSize: 15, fontWeight: 650, color: INK } },
      legend: legend(order.map(function (i) { return labels[i]; }), { top: 26 }),
      grid: { left: 96, right: 24, top: 64, bottom: 56 },
      graphic: allZero ? [{ type: 'text', left: 'center', top: 'middle', z: 10, style: { text: sobol
        ? 'No index: the output did not vary\nover the parameters\' ranges'
        : 'Every effect is 0: no parameter\nchanged this output over its range', fill: MUTED, font: '600 14px ' + FONT, align: 'center' } }] : [],
      xAxis: valueAxis(Object.assign({ min: min, max: max },
        axisName(sobol ? 'Sobol index (share of output variance)' : 'Elementary effect (output units)', 32))),
      yAxis: { type: 'category', inverse: true, data: cats, axisLabel: { color: INK, fontSize: 12, fontFamily: 'monospace' },
        axisLine: { lineStyle: { color: MUTED } } },
      series: series
    });
  };

  // ---------------------------------------------------------------------------------------------
  // Drawing and the render check

  /* ECharts 5.3.1 draws a tick of a logarithmic axis at infinity (a console error) when the data's
   * extent sits in particular places inside the axis range (e.g. starting at exactly 1, or no data
   * at all). An invisible series spanning the axes' range avoids it; it draws nothing. */
  var ANCHOR = 'log-axis-anchor';
  function anchored(option) {
    delete option._height;
    var x = option.xAxis;
    var y = option.yAxis;
    if ((x.type === 'log' || y.type === 'log') && x.min !== undefined && y.min !== undefined) {
      option.series.push({ type: 'scatter', id: ANCHOR, symbol: 'none', silent: true, tooltip: { show: false },
        data: [[x.min, y.min], [x.max, y.max]] });
    }
    return option;
  }

  /* SVG shapes with geometry (an emptied line series keeps a path without points: not counted). */
  function drawnElements(el) {
    var nodes = el.querySelectorAll('svg path, svg text, svg rect, svg circle, svg line, svg polyline, svg polygon, svg image, svg ellipse');
    return Array.prototype.filter.call(nodes, function (n) {
      return n.tagName.toLowerCase() !== 'path' || (n.getAttribute('d') || '').trim().length > 0;
    }).length;
  }
  function values(option) {
    var n = 0;
    option.series.forEach(function (s) {
      if (s.id === ANCHOR) { return; }
      (s.data || []).forEach(function (d) {
        if (d === null || d === undefined) { return; }
        if (Array.isArray(d)) {
          if (d.every(function (x) { return x !== null && x !== undefined; })) { n++; }
        } else { n++; }
      });
    });
    return n;
  }
  /* Elements drawn by the same option with every series emptied, reference lines included (what
   * remains: axes, legend, titles). */
  function baseline(el, option) {
    var probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;left:-20000px;top:0;width:' + el.clientWidth + 'px;height:' + el.clientHeight + 'px';
    document.body.appendChild(probe);
    var chart = echarts.init(probe, null, { renderer: 'svg' });
    chart.setOption(Object.assign({}, option, { series: option.series.map(function (s) {
      return s.id === ANCHOR ? s : Object.assign({}, s, { data: [], markLine: undefined, markPoint: undefined, markArea: undefined });
    }) }));
    var n = drawnElements(probe);
    chart.dispose();
    probe.remove();
    return n;
  }

  // what tells the arms apart, for the render check: colour (lightness), dash pattern, marker
  render.armColours = {};
  [2, 3, 4, 5].forEach(function (n) { render.armColours[n] = armColours(n); });
  render.armStyles = arms.map(function (a) {
    var st = armStyle(a);
    return { arm: a, color: st.color, dash: st.dash, symbol: st.symbol };
  });

  var instances = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var kind = el.getAttribute('data-chart');
    var key = el.getAttribute('data-key');
    var entry = { kind: kind, key: key, values: 0, marks: 0, error: null };
    render.charts.push(entry);
    try {
      var option = charts[kind](key);
      // a chart may need more height than its container's default (rows under the plot)
      if (option._height) { el.style.height = option._height + 'px'; }
      option = anchored(option);
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option);
      instances.push(chart);
      entry.values = values(option);
      entry.elements = drawnElements(el);
      // a fresh option: ECharts may adjust the objects it was given
      entry.baseline = baseline(el, anchored(charts[kind](key)));
      entry.marks = entry.elements - entry.baseline;
    } catch (e) {
      entry.error = String(e && e.stack || e);
      render.errors.push(kind + (key ? ' ' + key : '') + ': ' + entry.error);
      if (window.console) { console.error('chart ' + kind + (key ? ' ' + key : '') + ' failed: ' + entry.error); }
    }
  });
  window.addEventListener('resize', function () { instances.forEach(function (c) { c.resize(); }); });
  window.addEventListener('beforeprint', function () { instances.forEach(function (c) { c.resize(); }); });
  document.getElementById('render-check').textContent = JSON.stringify(render);
  document.documentElement.setAttribute('data-rendered', String(render.charts.length));
})();
