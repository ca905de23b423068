// keyedMerge, the one merge of the models, on a small list model under QAbstractItemModelTester:
// random listings merged into random rows must end as the fresh listing, in ranges, with
// persistent indexes (selections) following their rows.

#include "models/keyedmerge.h"

#include <QAbstractItemModelTester>
#include <QAbstractListModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace gr::models;

namespace
{

struct Item {
    QString key;
    int value = 0;
    bool operator==(const Item &o) const { return key == o.key && value == o.value; }
};

class ItemModel : public QAbstractListModel
{
public:
    std::vector<Item> items;
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(items.size());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || role != Qt::DisplayRole)
            return {};
        const Item &item = items[size_t(index.row())];
        return QStringLiteral("%1=%2").arg(item.key).arg(item.value);
    }
    MergeStats merge(const std::vector<Item> &fresh)
    {
        MergeTarget t;
        t.rowCount = int(items.size());
        t.keyAt = [this](int row) { return items[size_t(row)].key; };
        for (const Item &item : fresh)
            t.freshKeys.push_back(item.key);
        t.remove = [this](int first, int last) {
            beginRemoveRows({}, first, last);
            items.erase(items.begin() + first, items.begin() + last + 1);
            endRemoveRows();
        };
        t.update = [this, &fresh](int row, int i) {
            if (items[size_t(row)] == fresh[size_t(i)])
                return false;
            items[size_t(row)] = fresh[size_t(i)];
            return true;
        };
        t.changed = [this](int first, int last) { emit dataChanged(index(first), index(last)); };
        t.insert = [this, &fresh](int at, const std::vector<int> &added) {
            beginInsertRows({}, at, at + int(added.size()) - 1);
            std::vector<Item> rows;
            for (int i : added)
                rows.push_back(fresh[size_t(i)]);
            items.insert(items.begin() + at, rows.begin(), rows.end());
            endInsertRows();
        };
        return keyedMerge(t);
    }
};

// Runs of consecutive indexes in a sorted list.
int runs(const std::vector<int> &sorted)
{
    int count = 0;
    for (size_t i = 0; i < sorted.size(); ++i)
        count += i == 0 || sorted[i] != sorted[i - 1] + 1;
    return count;
}

} // namespace

class TestKeyedMerge : public QObject
{
    Q_OBJECT
private slots:
    void sameKeysOnlyDataChangedInRuns();
    void randomListingsEndAsTheListing();
    void keepAbsentKeepsHistory();
};

void TestKeyedMerge::sameKeysOnlyDataChangedInRuns()
{
    ItemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<Item> rows;
    for (int i = 0; i < 10; ++i)
        rows.push_back({QStringLiteral("k%1").arg(i), i});
    model.merge(rows);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    rows[2].value = 100;
    rows[3].value = 100;
    rows[7].value = 100;
    const MergeStats stats = model.merge(rows);
    QCOMPARE(stats.changed, 3);
    QCOMPARE(stats.inserted + stats.removed, 0);
    QCOMPARE(changed.count(), 2); // rows 2–3 and row 7
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 3);
    QCOMPARE(reset.count(), 0);
}

void TestKeyedMerge::randomListingsEndAsTheListing()
{
    auto *random = QRandomGenerator::global();
    for (int round = 0; round < 300; ++round) {
        ItemModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Old rows: keys 0..n-1 in order. Fresh: a subsequence of them (some values changed)
        // with new keys spliced in anywhere, so the fresh order is one the merge can reach.
        const int n = int(random->bounded(30));
        std::vector<Item> old;
        for (int i = 0; i < n; ++i)
            old.push_back({QStringLiteral("o%1").arg(i), i});
        model.merge(old);
        std::vector<QPersistentModelIndex> selected;
        for (int i = 0; i < n; ++i)
            selected.emplace_back(model.index(i));

        std::vector<Item> fresh;
        std::vector<int> removedRows;
        int next = 0;
        for (int i = 0; i < n; ++i) {
            while (random->bounded(4) == 0)
                fresh.push_back({QStringLiteral("n%1").arg(next++), -1});
            if (random->bounded(3) == 0) {
                removedRows.push_back(i);
                continue;
            }
            fresh.push_back({old[size_t(i)].key, random->bounded(2) ? i : i + 1000});
        }
        while (random->bounded(3) == 0)
            fresh.push_back({QStringLiteral("n%1").arg(next++), -1});

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        const MergeStats stats = model.merge(fresh);
        QVERIFY2(model.items == fresh, qPrintable(QStringLiteral("round %1").arg(round)));
        QCOMPARE(stats.removed, int(removedRows.size()));
        QCOMPARE(stats.inserted, next);
        QCOMPARE(removed.count(), runs(removedRows)); // contiguous ranges, not row by row
        // Selections follow their rows; removed rows' selections are gone.
        for (int i = 0; i < n; ++i) {
            const bool wasRemoved =
                std::find(removedRows.begin(), removedRows.end(), i) != removedRows.end();
            QCOMPARE(selected[size_t(i)].isValid(), !wasRemoved);
            if (!wasRemoved)
                QCOMPARE(model.items[size_t(selected[size_t(i)].row())].key, old[size_t(i)].key);
        }
    }
}

void TestKeyedMerge::keepAbsentKeepsHistory()
{
    ItemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.merge({{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}});
    MergeTarget t;
    t.rowCount = 2;
    t.keyAt = [&](int row) { return model.items[size_t(row)].key; };
    t.freshKeys = {QStringLiteral("b")};
    t.keepAbsent = [](int) { return true; };
    int removes = 0;
    t.remove = [&](int, int) { ++removes; };
    t.update = [](int, int) { return false; };
    t.changed = [](int, int) {};
    t.insert = [](int, const std::vector<int> &) { QFAIL("nothing is new"); };
    const MergeStats stats = keyedMerge(t);
    QCOMPARE(removes, 0);
    QCOMPARE(stats.removed, 0);
}

QTEST_MAIN(TestKeyedMerge)
#include "tst_keyedmerge.moc"
