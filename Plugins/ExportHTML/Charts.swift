import Foundation
import RenkeiModel

/// SVG drawn by the exporter itself: stacked bar charts of counts per period and the partner
/// network. Every coordinate is rounded to a tenth, so the same data draws the same bytes.
enum Charts {
    /// One coloured part of a stacked bar.
    struct Layer {
        let key: String
        let label: LocalizedText
        let color: String
    }

    static let palette = ["#2563a6", "#e08a1e", "#3f9b5b", "#b5457a", "#6b5fb5", "#8c8c8c"]

    /// A bar per period, each split into `layers`; `values[layer key][period]` is the count.
    /// Periods with no value are drawn as empty slots, so gaps in time stay visible.
    /// `plotHeight` is the height of the bars' area; without a legend the chart is one line shorter.
    static func stackedBars(
        id: String, title: LocalizedText, periods: [String], layers: [Layer], values: [String: [String: Int]],
        plotHeight: Double = 180, legend: Bool = true
    ) -> String {
        let slot = 44.0, left = 40.0, right = 16.0, bottom = 34.0
        let top = legend ? 22.0 + 18 * Double(layers.count) : 16.0
        let width = max(legend ? 300 : 200, left + right + slot * Double(max(periods.count, 1)))
        let height = top + plotHeight + bottom
        let totals = periods.map { p in layers.reduce(0) { $0 + (values[$1.key]?[p] ?? 0) } }
        let maxTotal = totals.max() ?? 0
        let step = niceStep(maxTotal)
        let axisMax = max(step, ((maxTotal + step - 1) / step) * step)
        func y(_ v: Double) -> Double { top + plotHeight - plotHeight * v / Double(axisMax) }

        var out = "<svg class=\"chart\" id=\"\(Markup.h(id))\" role=\"img\" aria-labelledby=\"\(Markup.h(id))-title\" "
        out += "viewBox=\"0 0 \(Markup.n(width)) \(Markup.n(height))\" width=\"\(Markup.n(width))\" height=\"\(Markup.n(height))\" "
        out += "xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title id=\"\(Markup.h(id))-title\">\(Markup.h(Markup.both(title)))</title>\n"
        // Legend, one line per layer, so long labels in either language fit.
        for (i, layer) in layers.enumerated() where legend {
            let ly = 6 + 18 * Double(i)
            out += "<rect x=\"\(Markup.n(left))\" y=\"\(Markup.n(ly))\" width=\"12\" height=\"12\" fill=\"\(layer.color)\"/>"
            out += svgText(layer.label, x: left + 18, y: ly + 10.5, attributes: "class=\"legend\"") + "\n"
        }
        // Grid and axis labels.
        var tick = 0
        while tick <= axisMax {
            let ty = y(Double(tick))
            out += "<line class=\"grid\" x1=\"\(Markup.n(left))\" y1=\"\(Markup.n(ty))\" x2=\"\(Markup.n(width - right))\" y2=\"\(Markup.n(ty))\" stroke=\"#d8dde3\"/>"
            out += "<text class=\"axis\" x=\"\(Markup.n(left - 6))\" y=\"\(Markup.n(ty + 4))\" text-anchor=\"end\">\(tick)</text>\n"
            tick += step
        }
        if periods.isEmpty {
            out += svgText(LocalizedText(ja: "該当する記録はありません", en: "No records"), x: width / 2, y: top + plotHeight / 2,
                           attributes: "class=\"empty\" text-anchor=\"middle\"")
        }
        // Bars.
        for (i, period) in periods.enumerated() {
            let bx = left + slot * Double(i) + 8
            let bw = slot - 16
            var base = 0
            for layer in layers {
                let v = values[layer.key]?[period] ?? 0
                guard v > 0 else { continue }
                let y0 = y(Double(base + v)), y1 = y(Double(base))
                out += "<rect x=\"\(Markup.n(bx))\" y=\"\(Markup.n(y0))\" width=\"\(Markup.n(bw))\" height=\"\(Markup.n(y1 - y0))\" fill=\"\(layer.color)\">"
                out += "<title>\(Markup.h(period)): \(Markup.h(Markup.both(layer.label))) \(v)</title></rect>"
                base += v
            }
            if totals[i] > 0 {
                out += "<text class=\"value\" x=\"\(Markup.n(bx + bw / 2))\" y=\"\(Markup.n(y(Double(totals[i])) - 4))\" text-anchor=\"middle\">\(totals[i])</text>"
            }
            out += "<text class=\"axis\" x=\"\(Markup.n(bx + bw / 2))\" y=\"\(Markup.n(top + plotHeight + 16))\" text-anchor=\"middle\">\(Markup.h(period))</text>\n"
        }
        out += "<line x1=\"\(Markup.n(left))\" y1=\"\(Markup.n(top + plotHeight))\" x2=\"\(Markup.n(width - right))\" y2=\"\(Markup.n(top + plotHeight))\" stroke=\"#5b6570\"/>\n"
        out += "</svg>"
        return out
    }

    /// A step for the value axis giving at most about five grid lines: 1, 2, 5, 10, 20, ….
    static func niceStep(_ maxValue: Int) -> Int {
        var step = 1
        while maxValue / step > 5 {
            if step * 2 >= maxValue / 5 && maxValue / (step * 2) <= 5 { return step * 2 }
            if maxValue / (step * 5) <= 5 { return step * 5 }
            step *= 10
        }
        return step
    }

    /// Two `<text>` elements, one per language; the language switch hides one.
    static func svgText(_ t: LocalizedText, x: Double, y: Double, attributes: String) -> String {
        "<text lang=\"ja\" x=\"\(Markup.n(x))\" y=\"\(Markup.n(y))\" \(attributes)>\(Markup.h(t.ja))</text>"
            + "<text lang=\"en\" x=\"\(Markup.n(x))\" y=\"\(Markup.n(y))\" \(attributes)>\(Markup.h(t.en))</text>"
    }

    /// A node of the partner network.
    struct Node {
        let id: String
        let label: LocalizedText
        let name: LocalizedText
        /// Where the node's page is, relative to the network page; nil when it has none.
        let href: String?
    }

    /// Japan in the centre, its partners on a circle in id order; a line from Japan to each
    /// partner, and a curve between partners met at the same event. Line width grows with the
    /// number of shared events.
    static func network(centre: Node?, partners: [Node], weights: [Pair: Int]) -> String {
        let size = 900.0, c = size / 2, radius = 250.0
        var position: [String: (x: Double, y: Double, angle: Double)] = [:]
        if let centre { position[centre.id] = (c, c, 0) }
        for (i, node) in partners.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(partners.count, 1))
            position[node.id] = (c + radius * cos(angle), c + radius * sin(angle), angle)
        }
        let maxWeight = max(1, weights.values.max() ?? 1)
        func width(_ w: Int) -> Double { 0.8 + 6 * (Double(w) / Double(maxWeight)).squareRoot() }
        let all = (centre.map { [$0] } ?? []) + partners
        let names = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.name) })

        var out = "<svg class=\"chart network\" id=\"partner-network\" role=\"img\" aria-labelledby=\"partner-network-title\" "
        out += "viewBox=\"0 0 \(Markup.n(size)) \(Markup.n(size))\" width=\"\(Markup.n(size))\" height=\"\(Markup.n(size))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title id=\"partner-network-title\">日本と連携相手 / Japan and its partners</title>\n"
        if partners.isEmpty {
            out += svgText(LocalizedText(ja: "該当する記録はありません", en: "No records"), x: c, y: c + 60,
                           attributes: "class=\"empty\" text-anchor=\"middle\"")
        }
        // Edges between partners first, then Japan's, so Japan's lie on top.
        let sortedPairs = weights.keys.sorted()
        for pass in 0..<2 {
            for pair in sortedPairs {
                let touchesCentre = pair.a == centre?.id || pair.b == centre?.id
                guard (pass == 1) == touchesCentre, let p = position[pair.a], let q = position[pair.b], let w = weights[pair] else { continue }
                let title = "<title>\(Markup.h(Markup.both(names[pair.a]!))) – \(Markup.h(Markup.both(names[pair.b]!))): \(w)</title>"
                if touchesCentre {
                    out += "<line class=\"edge centre\" x1=\"\(Markup.n(p.x))\" y1=\"\(Markup.n(p.y))\" x2=\"\(Markup.n(q.x))\" y2=\"\(Markup.n(q.y))\" "
                    out += "stroke=\"#2563a6\" stroke-opacity=\"0.6\" stroke-width=\"\(Markup.n(width(w)))\" data-weight=\"\(w)\">\(title)</line>\n"
                } else {
                    let mx = c + ((p.x + q.x) / 2 - c) * 0.35, my = c + ((p.y + q.y) / 2 - c) * 0.35
                    out += "<path class=\"edge\" d=\"M\(Markup.n(p.x)) \(Markup.n(p.y)) Q\(Markup.n(mx)) \(Markup.n(my)) \(Markup.n(q.x)) \(Markup.n(q.y))\" "
                    out += "fill=\"none\" stroke=\"#8a94a0\" stroke-opacity=\"0.35\" stroke-width=\"\(Markup.n(width(w)))\" data-weight=\"\(w)\">\(title)</path>\n"
                }
            }
        }
        // Nodes and labels.
        for node in all {
            guard let p = position[node.id] else { continue }
            let isCentre = node.id == centre?.id
            let w = centre.map { weights[Pair(node.id, $0.id)] ?? 0 } ?? 0
            let r = isCentre ? 22 : 4 + 3 * (Double(w) / Double(maxWeight)).squareRoot() * 2
            var node_ = "<circle class=\"node\" cx=\"\(Markup.n(p.x))\" cy=\"\(Markup.n(p.y))\" r=\"\(Markup.n(r))\" "
            node_ += "fill=\"\(isCentre ? "#b8322a" : "#2563a6")\"><title>\(Markup.h(Markup.both(node.name)))</title></circle>"
            let label: String
            if isCentre {
                label = svgText(node.label, x: p.x, y: p.y + 4, attributes: "class=\"node-label centre\" text-anchor=\"middle\" fill=\"#fff\"")
            } else {
                // Labels run outwards along the radius, so neighbours never overlap; on the
                // left half they are turned over to read left to right.
                let lx = c + (radius + r + 6) * cos(p.angle), ly = c + (radius + r + 6) * sin(p.angle)
                let right = cos(p.angle) >= -1e-9
                let degrees = p.angle * 180 / Double.pi + (right ? 0 : 180)
                label = svgText(node.label, x: lx, y: ly, attributes:
                    "class=\"node-label\" dy=\"0.35em\" text-anchor=\"\(right ? "start" : "end")\" transform=\"rotate(\(Markup.n(degrees)) \(Markup.n(lx)) \(Markup.n(ly)))\"")
            }
            if let href = node.href {
                out += "<a href=\"\(Markup.h(href))\">\(node_)\(label)</a>\n"
            } else {
                out += node_ + label + "\n"
            }
        }
        out += "</svg>"
        return out
    }

    /// An unordered pair of node ids, stored in sorted order.
    struct Pair: Hashable, Comparable {
        let a: String, b: String
        init(_ x: String, _ y: String) {
            (a, b) = x < y ? (x, y) : (y, x)
        }
        static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
    }
}
