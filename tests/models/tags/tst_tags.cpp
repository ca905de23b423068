// TagsModel under QAbstractItemModelTester against the local service.

#include "localharness.h"
#include "models/tagsmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace gr;

class TestTags : public QObject
{
    Q_OBJECT
private slots:
    void loadsAndMergesInPlace();
};

void TestTags::loadsAndMergesInPlace()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stage =
        h.call(ivs::Operation::CreateStage,
               {{QStringLiteral("tags"), QJsonObject{{QStringLiteral("b"), QStringLiteral("2")},
                                                     {QStringLiteral("a"), QStringLiteral("1")}}}})
            .value(QLatin1String("stage"))
            .toObject()
            .value(QLatin1String("arn"))
            .toString();
    models::TagsModel model(h.client());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &models::TagsModel::loaded);
    model.load(stage);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("a"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("2"));

    h.call(ivs::Operation::TagResource,
           {{QStringLiteral("resourceArn"), stage},
            {QStringLiteral("tags"), QJsonObject{{QStringLiteral("b"), QStringLiteral("20")},
                                                 {QStringLiteral("c"), QStringLiteral("3")}}}});
    h.call(ivs::Operation::UntagResource,
           {{QStringLiteral("resourceArn"), stage},
            {QStringLiteral("tagKeys"), QJsonArray{QStringLiteral("a")}}});
    QSignalSpy reset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.load(stage);
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("20"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("c"));

    model.load(QStringLiteral("arn:aws:ivs:us-east-1:123456789012:stage/missing00000"));
    QTRY_COMPARE(loaded.count(), 3);
    QVERIFY(model.errorText().contains(QStringLiteral("ResourceNotFoundException")));
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestTags)
#include "tst_tags.moc"
