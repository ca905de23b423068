#pragma once
// The one merge of Greenroom's models (after KDToolBox's UpdateableModel::updateCollection):
// a fresh listing is merged into the rows a model holds, by key, in place. Rows that are gone
// are removed bottom-up in contiguous ranges, changed rows are reported as contiguous runs, new
// rows are inserted where the fresh listing puts them (after the row that precedes them there),
// in contiguous ranges. Never a reset: selections and scroll positions survive.
//
// The model supplies the operations through `MergeTarget`; the list, tree and tags models each
// adapt their storage to it.

#include <QHash>
#include <QSet>
#include <QString>

#include <algorithm>
#include <functional>
#include <vector>

namespace gr::models
{

struct MergeStats {
    int inserted = 0;
    int removed = 0;
    int changed = 0;
};

struct MergeTarget {
    int rowCount = 0;                      // rows before the merge
    std::function<QString(int row)> keyAt; // the key of an existing row
    std::vector<QString> freshKeys;        // the keys of the fresh listing, in its order
    // Rows absent from the fresh listing that stay (history); optional.
    std::function<bool(int row)> keepAbsent;
    // Removes rows [first, last] (with beginRemoveRows/endRemoveRows).
    std::function<void(int first, int last)> remove;
    // Replaces the row with fresh item `fresh`; returns whether it changed.
    std::function<bool(int row, int fresh)> update;
    // Reports rows [first, last] changed (one dataChanged for the run).
    std::function<void(int first, int last)> changed;
    // Inserts fresh items `fresh` (in order) before row `at` (begin/endInsertRows).
    std::function<void(int at, const std::vector<int> &fresh)> insert;
};

inline MergeStats keyedMerge(const MergeTarget &t)
{
    MergeStats stats;
    QHash<QString, int> freshIndex;
    freshIndex.reserve(qsizetype(t.freshKeys.size()));
    for (size_t i = 0; i < t.freshKeys.size(); ++i)
        freshIndex.insert(t.freshKeys[i], int(i));

    // 1. Removals, bottom-up, in contiguous ranges. `kept` are current rows in order.
    std::vector<QString> kept;
    kept.reserve(size_t(t.rowCount));
    std::vector<QString> keys(size_t(t.rowCount));
    for (int row = 0; row < t.rowCount; ++row)
        keys[size_t(row)] = t.keyAt(row);
    auto gone = [&](int row) {
        return !freshIndex.contains(keys[size_t(row)]) && !(t.keepAbsent && t.keepAbsent(row));
    };
    for (int row = t.rowCount - 1; row >= 0;) {
        if (!gone(row)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && gone(first - 1))
            --first;
        t.remove(first, row);
        keys.erase(keys.begin() + first, keys.begin() + row + 1);
        stats.removed += row - first + 1;
        row = first - 1;
    }

    // 2. Changes, reported in runs.
    int runStart = -1;
    const int rows = int(keys.size());
    for (int row = 0; row <= rows; ++row) {
        bool differs = false;
        if (row < rows) {
            const auto found = freshIndex.constFind(keys[size_t(row)]);
            differs = found != freshIndex.constEnd() && t.update(row, *found);
        }
        if (differs) {
            ++stats.changed;
            if (runStart < 0)
                runStart = row;
        } else if (runStart >= 0) {
            t.changed(runStart, row - 1);
            runStart = -1;
        }
    }

    // 3. Inserts: each run of new items goes after the existing row that precedes it in the
    //    fresh listing. Anchors are distinct, so applying them from the bottom up keeps every
    //    anchor valid.
    QHash<QString, int> rowOf;
    rowOf.reserve(rows);
    for (int row = 0; row < rows; ++row)
        rowOf.insert(keys[size_t(row)], row);
    std::vector<std::pair<int, std::vector<int>>> runs; // (anchor row, fresh indexes)
    QSet<QString>
        added; // a key the listing repeats (a row that moved while we paged) is shown once
    int anchor = 0;
    for (int i = 0; i < int(t.freshKeys.size()); ++i) {
        const QString &key = t.freshKeys[size_t(i)];
        const auto existing = rowOf.constFind(key);
        if (existing != rowOf.constEnd()) {
            anchor = *existing + 1;
            continue;
        }
        if (added.contains(key))
            continue;
        added.insert(key);
        if (runs.empty() || runs.back().first != anchor)
            runs.push_back({anchor, {}});
        runs.back().second.push_back(i);
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[at, fresh] : runs) {
        t.insert(at, fresh);
        stats.inserted += int(fresh.size());
    }
    return stats;
}

} // namespace gr::models
