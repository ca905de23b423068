// Every constraint of the AWS model, for the inputs of all 39 operations, is enforced by the
// local service. Starting from a valid input per operation (tests/data/golden/inputs.json), the
// test walks the operation's input shape in the model and, for each constraint it can reach
// (required, type, length, pattern, enum, range, list and map sizes), sends a copy of the input
// that breaks exactly that constraint through the real client pipeline. Each must come back as
// 400 ValidationException naming the member; the unbroken input must not.

#include "aws/awsclient.h"
#include "aws/credentials.h"
#include "ivs/operations.h"
#include "local/jwt.h"
#include "local/localservice.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace gr;

namespace
{

struct Mutation {
    QString description; // "CreateStage name: pattern"
    QString member;      // leaf member name the error must mention
    QJsonObject input;
};

QJsonObject loadJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Sets `value` at `path` (object keys, or list indexes as numbers) inside `root`.
QJsonValue setAt(const QJsonValue &root, const QVariantList &path, int depth,
                 const QJsonValue &value, bool remove)
{
    if (depth == path.size())
        return value;
    const QVariant &step = path[depth];
    if (step.typeId() == QMetaType::Int) {
        QJsonArray array = root.toArray();
        array[step.toInt()] = setAt(array.at(step.toInt()), path, depth + 1, value, remove);
        return array;
    }
    QJsonObject object = root.toObject();
    const QString key = step.toString();
    if (remove && depth == path.size() - 1)
        object.remove(key);
    else
        object.insert(key, setAt(object.value(key), path, depth + 1, value, remove));
    return object;
}

class MutationBuilder
{
public:
    MutationBuilder(const QJsonObject &shapes, const QString &operation, const QJsonObject &input)
        : m_shapes(shapes), m_operation(operation), m_input(input)
    {
    }

    QList<Mutation> mutations;
    int skipped = 0;

    void walk(const QString &shapeName, const QJsonValue &current, const QVariantList &path,
              const QString &member)
    {
        const QJsonObject shape = m_shapes.value(shapeName).toObject();
        const QString type = shape.value(QLatin1String("type")).toString();
        const QJsonValue min = shape.value(QLatin1String("min"));
        const QJsonValue max = shape.value(QLatin1String("max"));
        auto add = [&](const QString &what, const QJsonValue &value, bool remove = false) {
            mutations.append({QStringLiteral("%1 %2: %3").arg(m_operation, pathText(path), what),
                              member, setAt(m_input, path, 0, value, remove).toObject()});
        };
        if (type == QLatin1String("structure")) {
            const QJsonObject members = shape.value(QLatin1String("members")).toObject();
            const QJsonObject object = current.toObject();
            for (const QJsonValue &required : shape.value(QLatin1String("required")).toArray()) {
                QVariantList p = path;
                p << required.toString();
                mutations.append({QStringLiteral("%1 %2: required").arg(m_operation, pathText(p)),
                                  required.toString(), setAt(m_input, p, 0, {}, true).toObject()});
            }
            for (auto it = members.begin(); it != members.end(); ++it) {
                const QString memberShape = it->toObject().value(QLatin1String("shape")).toString();
                QVariantList p = path;
                p << it.key();
                if (object.contains(it.key()))
                    walk(memberShape, object.value(it.key()), p, it.key());
                else
                    walkAbsent(memberShape, p, it.key());
            }
            if (!path.isEmpty())
                add(QStringLiteral("type"), QStringLiteral("not-an-object"));
            return;
        }
        if (type == QLatin1String("string")) {
            const QString pattern = shape.value(QLatin1String("pattern")).toString();
            const QJsonArray allowed = shape.value(QLatin1String("enum")).toArray();
            if (min.toInt() > 0)
                add(QStringLiteral("min length"), QString(min.toInt() - 1, QLatin1Char('a')));
            if (!max.isUndefined())
                add(QStringLiteral("max length"), QString(max.toInt() + 1, QLatin1Char('a')));
            if (!pattern.isEmpty()) {
                const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
                const QString bad = QStringLiteral("bad value!#");
                if (!re.match(bad).hasMatch())
                    add(QStringLiteral("pattern"), bad);
                else
                    ++skipped;
            }
            if (!allowed.isEmpty())
                add(QStringLiteral("enum"), QStringLiteral("NOT_A_VALUE"));
            add(QStringLiteral("type"), 12345);
            return;
        }
        if (type == QLatin1String("integer") || type == QLatin1String("long") ||
            type == QLatin1String("float")) {
            if (!min.isUndefined())
                add(QStringLiteral("min"), min.toDouble() - 1);
            if (!max.isUndefined())
                add(QStringLiteral("max"), max.toDouble() + 1);
            if (type != QLatin1String("float"))
                add(QStringLiteral("integer"), 1.5);
            add(QStringLiteral("type"), QStringLiteral("seven"));
            return;
        }
        if (type == QLatin1String("boolean")) {
            add(QStringLiteral("type"), QStringLiteral("yes"));
            return;
        }
        if (type == QLatin1String("list")) {
            const QJsonArray array = current.toArray();
            const QString memberShape = shape.value(QLatin1String("member"))
                                            .toObject()
                                            .value(QLatin1String("shape"))
                                            .toString();
            if (min.toInt() > 0)
                add(QStringLiteral("min items"), QJsonArray());
            if (!max.isUndefined() && !array.isEmpty()) {
                QJsonArray many;
                for (int i = 0; i <= max.toInt(); ++i)
                    many.append(array.first());
                add(QStringLiteral("max items"), many);
            } else if (!max.isUndefined()) {
                ++skipped;
            }
            add(QStringLiteral("type"), QStringLiteral("not-a-list"));
            if (!array.isEmpty()) {
                QVariantList p = path;
                p << 0;
                walk(memberShape, array.first(), p, member);
            }
            return;
        }
        if (type == QLatin1String("map")) {
            if (!max.isUndefined()) {
                QJsonObject many;
                for (int i = 0; i <= max.toInt(); ++i)
                    many.insert(QStringLiteral("k%1").arg(i), QStringLiteral("v"));
                add(QStringLiteral("max entries"), many);
            }
            const QJsonObject keyShape = m_shapes
                                             .value(shape.value(QLatin1String("key"))
                                                        .toObject()
                                                        .value(QLatin1String("shape"))
                                                        .toString())
                                             .toObject();
            if (keyShape.contains(QLatin1String("max")))
                add(QStringLiteral("key max length"),
                    QJsonObject{{QString(keyShape.value(QLatin1String("max")).toInt() + 1,
                                         QLatin1Char('k')),
                                 QStringLiteral("v")}});
            add(QStringLiteral("type"), QStringLiteral("not-a-map"));
        }
    }

    // A member the valid input does not carry: scalars can still be given bad values.
    void walkAbsent(const QString &shapeName, const QVariantList &path, const QString &member)
    {
        const QString type =
            m_shapes.value(shapeName).toObject().value(QLatin1String("type")).toString();
        if (type == QLatin1String("structure") || type == QLatin1String("list")) {
            ++skipped; // would need a valid value to nest into
            return;
        }
        walk(shapeName, QJsonValue(), path, member);
    }

private:
    static QString pathText(const QVariantList &path)
    {
        QStringList parts;
        for (const QVariant &p : path)
            parts << p.toString();
        return parts.join(QLatin1Char('.'));
    }

    QJsonObject m_shapes;
    QString m_operation;
    QJsonObject m_input;
};

} // namespace

class TestConstraints : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void constraints_data();
    void constraints();
    void cleanupTestCase();

private:
    aws::AwsCall *send(ivs::Operation op, const QJsonObject &input);

    local::LocalService *m_service = nullptr;
    QNetworkAccessManager m_network;
    aws::StaticCredentialsProvider *m_credentials = nullptr;
    aws::AwsClient *m_client = nullptr;
    int m_total = 0;
};

void TestConstraints::initTestCase()
{
    m_service = new local::LocalService({}, this);
    const auto started = m_service->start();
    QVERIFY2(started, qPrintable(started.message()));
    m_credentials = new aws::StaticCredentialsProvider(
        {QLatin1String(local::LocalService::kDefaultAccessKeyId),
         QLatin1String(local::LocalService::kDefaultSecretAccessKey),
         {},
         {}},
        QStringLiteral("test"), this);
    m_client = new aws::AwsClient(&m_network, m_service->url(), QStringLiteral("us-east-1"),
                                  QStringLiteral("ivs"), m_credentials, nullptr, this);
    for (int i = 0; i < aws::kMaxPaceLanes; ++i)
        m_client->pacer()->setRate(i, 0);
    m_client->setRetryPolicy({1, 1, 1, 1});
}

void TestConstraints::cleanupTestCase()
{
    qInfo("constraint violations checked: %d", m_total);
}

aws::AwsCall *TestConstraints::send(ivs::Operation op, const QJsonObject &input)
{
    aws::AwsCall *call = m_client->send(ivs::buildRequest(op, input));
    QSignalSpy spy(call, &aws::AwsCall::finished);
    if (!call->isFinished())
        spy.wait(5000);
    return call;
}

void TestConstraints::constraints_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("input");
    const QJsonObject inputs = loadJson(QStringLiteral(GR_TEST_DATA_DIR "/golden/inputs.json"));
    QCOMPARE(inputs.size(), ivs::kOperationCount);
    const QString realKey = QString::fromLatin1(local::Es384Key::generate().publicPem());
    for (auto it = inputs.begin(); it != inputs.end(); ++it) {
        QJsonObject input = it->toObject();
        // Pagination tokens are the server's own; the golden ones are only well-formed.
        input.remove(QStringLiteral("nextToken"));
        if (input.contains(QStringLiteral("publicKeyMaterial")))
            input.insert(QStringLiteral("publicKeyMaterial"), realKey);
        QTest::newRow(qPrintable(it.key())) << it.key() << input;
    }
}

void TestConstraints::constraints()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, input);
    const QJsonObject model =
        loadJson(QStringLiteral(GR_IVS_MODEL));
    const QJsonObject shapes = model.value(QLatin1String("shapes")).toObject();
    const QString inputShape = model.value(QLatin1String("operations"))
                                   .toObject()
                                   .value(operation)
                                   .toObject()
                                   .value(QLatin1String("input"))
                                   .toObject()
                                   .value(QLatin1String("shape"))
                                   .toString();
    const auto op = ivs::operationByName(operation);
    QVERIFY(op);

    // The valid input passes validation (it may still name resources that do not exist).
    aws::AwsCall *baseline = send(*op, input);
    QVERIFY2(baseline->error().type != QLatin1String("ValidationException"),
             qPrintable(baseline->error().toString()));

    MutationBuilder builder(shapes, operation, input);
    builder.walk(inputShape, input, {}, {});
    QVERIFY(!builder.mutations.isEmpty());
    for (const Mutation &m : std::as_const(builder.mutations)) {
        // Members bound to the path cannot be missing or non-strings on the wire.
        const bool pathBound = m.member == QLatin1String("resourceArn");
        if (pathBound && (m.description.endsWith(QLatin1String(": required")) ||
                          m.description.endsWith(QLatin1String(": type")) ||
                          m.description.endsWith(QLatin1String(": min length"))))
            continue;
        if (m.member == QLatin1String("tagKeys") && m.description.endsWith(QLatin1String(": type")))
            continue; // query strings carry only strings
        aws::AwsCall *call = send(*op, m.input);
        ++m_total;
        QVERIFY2(call->error().type == QLatin1String("ValidationException") &&
                     call->error().httpStatus == 400,
                 qPrintable(m.description + QStringLiteral(" -> ") +
                            (call->ok() ? QStringLiteral("accepted") : call->error().toString())));
        QVERIFY2(call->error().message.contains(m.member),
                 qPrintable(m.description + QStringLiteral(": message does not name the member: ") +
                            call->error().message));
        call->deleteLater();
    }
}

QTEST_GUILESS_MAIN(TestConstraints)
#include "tst_constraints.moc"
