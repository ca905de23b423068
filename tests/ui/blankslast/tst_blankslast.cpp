// BlanksLastProxy: rows whose sort value is not known yet stay below every row with a value,
// sorted ascending or descending, and the rest sort as QSortFilterProxyModel sorts them.

#include "ui/blankslastproxy.h"

#include <QAbstractItemModelTester>
#include <QStandardItemModel>
#include <QTest>

using namespace gr;

class TestBlanksLast : public QObject
{
    Q_OBJECT
private slots:
    void blanksLastBothWays();
};

void TestBlanksLast::blanksLastBothWays()
{
    constexpr int kRawRole = Qt::UserRole + 1;
    QStandardItemModel source;
    // Error counts: two not loaded yet, one zero.
    const QList<QVariant> counts{3, QVariant(), 0, 7, QVariant(), 1};
    for (int i = 0; i < counts.size(); ++i) {
        auto *item = new QStandardItem(QStringLiteral("row %1").arg(i));
        item->setData(counts.at(i), kRawRole);
        source.appendRow(item);
    }
    ui::BlanksLastProxy proxy;
    proxy.setSortRole(kRawRole);
    proxy.setSourceModel(&source);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto order = [&] {
        QList<QVariant> out;
        for (int r = 0; r < proxy.rowCount(); ++r)
            out << proxy.index(r, 0).data(kRawRole);
        return out;
    };
    proxy.sort(0, Qt::DescendingOrder);
    QCOMPARE(order(), (QList<QVariant>{7, 3, 1, 0, QVariant(), QVariant()}));
    proxy.sort(0, Qt::AscendingOrder);
    QCOMPARE(order(), (QList<QVariant>{0, 1, 3, 7, QVariant(), QVariant()}));
    // A count arrives: the row takes its place among the values.
    source.item(1)->setData(5, kRawRole);
    QCOMPARE(order(), (QList<QVariant>{0, 1, 3, 5, 7, QVariant()}));
}

QTEST_MAIN(TestBlanksLast)
#include "tst_blankslast.moc"
