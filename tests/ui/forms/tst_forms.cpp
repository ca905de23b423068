// The Administer forms: one per write operation, built from the AWS model. Typed fields become
// the operation's input; bad text is refused with the member's name; the service's errors keep
// the dialog open with what was typed; through the main window they create real resources on
// the local service.

#include "ivs/modelvalidator.h"
#include "local/jwt.h"
#include "localconnection.h"
#include "localharness.h"
#include "models/resourcekinds.h"
#include "models/resourcelistmodel.h"
#include "screenshot.h"
#include "ui/detailpane.h"
#include "ui/fieldeditors.h"
#include "ui/fieldproblem.h"
#include "ui/issuedtokensdialog.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/operationdialog.h"
#include "ui/tokendialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QWheelEvent>

using namespace gr;
using ui::OperationDialog;

namespace
{

template <typename T> T *field(QWidget *dialog, const QString &path)
{
    T *widget = dialog->findChild<T *>(path);
    if (!widget)
        qWarning("no field %s", qPrintable(path));
    return widget;
}

void type(QWidget *dialog, const QString &path, const QString &text)
{
    if (auto *line = dialog->findChild<QLineEdit *>(path))
        line->setText(text);
    else if (auto *lines = dialog->findChild<QPlainTextEdit *>(path))
        lines->setPlainText(text);
    else
        QFAIL(qPrintable(QStringLiteral("no text field %1").arg(path)));
}

// Optional sections are ticked on before their fields count (and show).
void tick(QWidget *dialog, const QString &path)
{
    auto *group = dialog->findChild<QGroupBox *>(path);
    QVERIFY2(group && group->isCheckable(), qPrintable(path));
    group->setChecked(true);
}

// Answers the next message box once it shows (it runs its own event loop) with the first button
// of `role` (a Cancel button counts as RejectRole), and keeps its text in `asked`.
void answerNextBox(QObject *owner, QMessageBox::ButtonRole role, QString *asked)
{
    auto *poll = new QTimer(owner);
    poll->start(10);
    QObject::connect(poll, &QTimer::timeout, [asked, poll, role] {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(top);
            if (!box || !box->isVisible())
                continue;
            poll->deleteLater();
            *asked = box->text();
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == role) {
                    button->click();
                    return;
                }
            }
        }
    });
}

// What a QLabel puts on screen: its text read as rich text when it is (or, in AutoText, looks
// like) rich text, else the text as it is written.
QString shownText(const QLabel *label)
{
    const bool rich = label->textFormat() == Qt::RichText ||
                      (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    if (!rich)
        return label->text();
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText();
}

} // namespace

class TestForms : public QObject
{
    Q_OBJECT
private slots:
    void everyWriteOperationHasAForm_data();
    void everyWriteOperationHasAForm();
    void fieldsBecomeTheInput();
    void badTextNamesTheMember();
    void listsOfStructuresGrowAndShrink();
    void setInputRoundTrips();
    void createsThroughTheWindow();
    void startsACompositionThroughTheWindow();
    void updateShowsTheCurrentValuesAndSendsOnlyChanges();
    void deleteKeyAsksFirst();
    void cancelAsksBeforeDiscardingTypedText();
    void refusedCreateSaysWhyInSight();
    void oneOfSectionsAndTheWheel();
    void newStageOffersItsTokensOnce();
    void participantTokenNeedsAStage();
    void importsAPemKeyWithItsNewlines();
    void everyFormRoundTripsGeneratedInputs_data();
    void everyFormRoundTripsGeneratedInputs();
};

void TestForms::everyWriteOperationHasAForm_data()
{
    QTest::addColumn<QString>("operation");
    for (const QString &op : ui::MainWindow::administeredOperations()) {
        if (op != QLatin1String("CreateParticipantToken")) // its own dialog, tested in ui_admin
            QTest::newRow(qPrintable(op)) << op;
    }
}

// Empty, each form either sends {} (all optional) or names the first missing required member,
// as the service would; nothing is sent then.
void TestForms::everyWriteOperationHasAForm()
{
    QFETCH(QString, operation);
    OperationDialog dialog(operation, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    shoot(&dialog, QStringLiteral("form-%1.png").arg(operation));
    // The dialog says what it does in its first line, and speaks of * only where a field has one.
    auto *heading = dialog.findChild<QLabel *>(QStringLiteral("heading"));
    QVERIFY(heading);
    QVERIFY2(heading->text().contains(OperationDialog::title(operation)),
             qPrintable(heading->text()));
    const QString modelSays = ivs::ModelValidator::embedded().validate(operation, {});
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("hint"));
    QVERIFY(hint);
    // "marked *" only where some field shows a *; "required" at the top only where the model
    // requires a member of the input itself.
    bool starred = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        starred = starred || label->text().endsWith(QLatin1String(" *"));
    for (const QGroupBox *box : dialog.findChildren<QGroupBox *>())
        starred = starred || box->title().endsWith(QLatin1String(" *"));
    QCOMPARE(hint->text().contains(QLatin1String("marked *")), starred);
    QCOMPARE(hint->text().startsWith(QLatin1String("Every field is optional")),
             modelSays.isEmpty());
    QSignalSpy submitted(&dialog, &OperationDialog::submitted);
    dialog.submit();
    if (modelSays.isEmpty()) {
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().first().toJsonObject(), QJsonObject());
    } else {
        QCOMPARE(submitted.size(), 0);
        // The model's words are one click away; the user reads which field is missing.
        QCOMPARE(dialog.errorDetails(), modelSays);
        QVERIFY(dialog.errorDetails().contains(QLatin1String("must not be null")));
        QVERIFY2(dialog.errorText().endsWith(QLatin1String(" is required.")),
                 qPrintable(dialog.errorText()));
        QVERIFY(!dialog.errorText().contains(QLatin1String("constraint")));
    }
}

void TestForms::fieldsBecomeTheInput()
{
    OperationDialog dialog(QStringLiteral("CreateEncoderConfiguration"), {});
    type(&dialog, QStringLiteral("name"), QStringLiteral("hd"));
    type(&dialog, QStringLiteral("video.bitrate"), QStringLiteral("1")); // not ticked: left out
    QCOMPARE(dialog.input().valueOr(QJsonObject()),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("hd")}}));
    tick(&dialog, QStringLiteral("video"));
    type(&dialog, QStringLiteral("video.bitrate"), QString());
    type(&dialog, QStringLiteral("video.width"), QStringLiteral("1920"));
    type(&dialog, QStringLiteral("video.height"), QStringLiteral(" 1080 "));
    type(&dialog, QStringLiteral("video.framerate"), QStringLiteral("29.97"));
    type(&dialog, QStringLiteral("tags"), QStringLiteral("team = live\n\nenv=prod=1\n"));
    const auto read = dialog.input();
    QVERIFY2(read, qPrintable(read.message()));
    const QJsonObject input = *read;
    const QJsonObject expected{
        {QStringLiteral("name"), QStringLiteral("hd")},
        {QStringLiteral("video"), QJsonObject{{QStringLiteral("width"), 1920},
                                              {QStringLiteral("height"), 1080},
                                              {QStringLiteral("framerate"), 29.97}}},
        {QStringLiteral("tags"), QJsonObject{{QStringLiteral("team"), QStringLiteral("live")},
                                             {QStringLiteral("env"), QStringLiteral("prod=1")}}}};
    QCOMPARE(input, expected);

    // Enums, booleans and lists of enums.
    OperationDialog ingest(QStringLiteral("CreateIngestConfiguration"), {});
    auto *protocol = field<QComboBox>(&ingest, QStringLiteral("ingestProtocol"));
    QVERIFY(protocol);
    protocol->setCurrentText(QStringLiteral("RTMP"));
    field<QComboBox>(&ingest, QStringLiteral("insecureIngest"))
        ->setCurrentText(QStringLiteral("true"));
    // A ticked optional section with nothing filled in is sent as {}: "grid, with its defaults".
    OperationDialog composition(QStringLiteral("StartComposition"), {});
    auto *grid = field<QGroupBox>(&composition, QStringLiteral("layout.grid"));
    QVERIFY(grid);
    QVERIFY(
        composition.input().valueOr(QJsonObject()).value(QLatin1String("layout")).isUndefined());
    field<QGroupBox>(&composition, QStringLiteral("layout"))->setChecked(true);
    grid->setChecked(true);
    QCOMPARE(composition.input().valueOr(QJsonObject()).value(QLatin1String("layout")).toObject(),
             (QJsonObject{{QStringLiteral("grid"), QJsonObject()}}));

    QCOMPARE(ingest.input().valueOr(QJsonObject()),
             (QJsonObject{{QStringLiteral("ingestProtocol"), QStringLiteral("RTMP")},
                          {QStringLiteral("insecureIngest"), true}}));
}

void TestForms::badTextNamesTheMember()
{
    OperationDialog dialog(QStringLiteral("CreateEncoderConfiguration"), {});
    QSignalSpy submitted(&dialog, &OperationDialog::submitted);
    tick(&dialog, QStringLiteral("video"));
    type(&dialog, QStringLiteral("video.width"), QStringLiteral("wide"));
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QVERIFY2(dialog.errorText().contains(QLatin1String("video.width")),
             qPrintable(dialog.errorText()));
    QVERIFY(dialog.errorText().contains(QLatin1String("wide")));

    type(&dialog, QStringLiteral("video.width"), QStringLiteral("1280"));
    type(&dialog, QStringLiteral("tags"), QStringLiteral("a=b\nno equals sign"));
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QVERIFY2(dialog.errorText().contains(QLatin1String("tags, line 2")),
             qPrintable(dialog.errorText()));
    // Shown with real quotes, not the escaped "&quot;no equals sign&quot;".
    const auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(error && error->isVisibleTo(&dialog));
    QVERIFY2(shownText(error).contains(
                 QLatin1String("tags, line 2: \"no equals sign\" is not key=value")),
             qPrintable(shownText(error)));
    QVERIFY(!shownText(error).contains(QLatin1String("&quot;")));

    // The model's own constraints, before anything is sent: here a width over its range.
    type(&dialog, QStringLiteral("tags"), QString());
    type(&dialog, QStringLiteral("video.width"), QStringLiteral("99999"));
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QCOMPARE(dialog.errorText(), QStringLiteral("Width can be at most 1920."));
    QVERIFY2(dialog.errorDetails().contains(QLatin1String("video.width")),
             qPrintable(dialog.errorDetails()));
    QVERIFY(dialog.errorDetails().contains(QLatin1String("less than or equal to")));
    // A limit in the millions reads in full (QString::arg(double) had made it "8.5e+06", and
    // the message "Bitrate can be at most 06."), as does one another validator printed so.
    type(&dialog, QStringLiteral("video.width"), QStringLiteral("1280"));
    type(&dialog, QStringLiteral("video.bitrate"), QStringLiteral("9000000"));
    dialog.submit();
    QCOMPARE(dialog.errorText(), QStringLiteral("Bitrate can be at most 8500000."));
    QCOMPARE(gr::ui::describeValidation(
                 QStringLiteral("Value '9000000' at 'video.bitrate' failed to satisfy "
                                "constraint: Member must have value less than or "
                                "equal to 8.5E+06"))
                 .plain,
             QStringLiteral("Bitrate can be at most 8500000."));
    type(&dialog, QStringLiteral("video.bitrate"), QString());
    type(&dialog, QStringLiteral("video.width"), QStringLiteral("99999"));
    dialog.submit();
    // The field it is about is marked.
    QVERIFY(
        dialog.findChild<QWidget *>(QStringLiteral("video.width"))->property("problem").toBool());
}

void TestForms::listsOfStructuresGrowAndShrink()
{
    OperationDialog dialog(QStringLiteral("StartComposition"), {});
    auto *add = field<QPushButton>(&dialog, QStringLiteral("destinations.add"));
    QVERIFY(add);
    add->click();
    add->click();
    type(&dialog, QStringLiteral("destinations[0].name"), QStringLiteral("first"));
    type(&dialog, QStringLiteral("destinations[1].name"), QStringLiteral("second"));
    // An optional section is ticked on before it counts (off, it is left out).
    auto *s3 = field<QGroupBox>(&dialog, QStringLiteral("destinations[1].s3"));
    QVERIFY(s3 && s3->isCheckable() && !s3->isChecked());
    s3->setChecked(true);
    type(&dialog, QStringLiteral("destinations[1].s3.storageConfigurationArn"),
         QStringLiteral("arn:aws:ivs:us-east-1:123456789012:storage-configuration/abcdABCDefgh"));
    type(&dialog, QStringLiteral("destinations[1].s3.encoderConfigurationArns"),
         QStringLiteral("arn:aws:ivs:us-east-1:123456789012:encoder-configuration/abcdABCDefgh"));
    QCOMPARE(
        dialog.input().valueOr(QJsonObject()).value(QLatin1String("destinations")).toArray().size(),
        2);

    field<QPushButton>(&dialog, QStringLiteral("destinations[0].remove"))->click();
    QCoreApplication::processEvents();
    const auto read = dialog.input();
    QVERIFY2(read, qPrintable(read.message()));
    const QJsonArray left = read->value(QLatin1String("destinations")).toArray();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("second"));
    QCOMPARE(left[0]
                 .toObject()
                 .value(QLatin1String("s3"))
                 .toObject()
                 .value(QLatin1String("encoderConfigurationArns"))
                 .toArray()
                 .size(),
             1);
    // Renumbered: the second is now the first.
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("destinations[0].name")));
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("destinations[0].name"))->text(),
             QStringLiteral("second"));
}

void TestForms::setInputRoundTrips()
{
    const QJsonObject stage{
        {QStringLiteral("name"), QStringLiteral("studio-a")},
        {QStringLiteral("tags"), QJsonObject{{QStringLiteral("team"), QStringLiteral("live")}}},
        {QStringLiteral("participantTokenConfigurations"),
         QJsonArray{
             QJsonObject{{QStringLiteral("userId"), QStringLiteral("host")},
                         {QStringLiteral("duration"), 60},
                         {QStringLiteral("capabilities"), QJsonArray{QStringLiteral("PUBLISH")}},
                         {QStringLiteral("attributes"),
                          QJsonObject{{QStringLiteral("role"), QStringLiteral("host")}}}}}},
        {QStringLiteral("autoParticipantRecordingConfiguration"),
         QJsonObject{{QStringLiteral("storageConfigurationArn"),
                      QStringLiteral(
                          "arn:aws:ivs:us-east-1:123456789012:storage-configuration/abcdABCDefgh")},
                     {QStringLiteral("mediaTypes"), QJsonArray{QStringLiteral("AUDIO_VIDEO")}},
                     {QStringLiteral("recordParticipantReplicas"), false},
                     {QStringLiteral("recordingReconnectWindowSeconds"), 30}}}};
    OperationDialog dialog(QStringLiteral("CreateStage"), stage);
    const auto read = dialog.input();
    QVERIFY2(read, qPrintable(read.message()));
    QCOMPARE(*read, stage);
    shoot(&dialog, QStringLiteral("form-CreateStage-filled.png"));
}

// Through the window, on the local service: the service's refusal keeps the dialog and what was
// typed; once corrected it creates the configuration, which the open list shows.
void TestForms::createsThroughTheWindow()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    LocalConsole window(h.service()->url());
    window.resize(1200, 760);
    window.categories()->setCurrentRow(2); // encoder configurations
    QTRY_VERIFY(window.listModel() &&
                window.listModel()->status() == models::ResourceListModel::Status::Idle);
    QCOMPARE(window.listModel()->rowCount(), 0);

    OperationDialog *dialog = window.openOperation(QStringLiteral("CreateEncoderConfiguration"));
    QVERIFY(dialog);
    QPointer<OperationDialog> guard(dialog);
    type(dialog, QStringLiteral("name"), QStringLiteral("odd"));
    tick(dialog, QStringLiteral("video"));
    type(dialog, QStringLiteral("video.width"),
         QStringLiteral("1281")); // must be even: the service says so
    type(dialog, QStringLiteral("video.height"), QStringLiteral("720"));
    dialog->submit();
    QTRY_VERIFY(!guard || !guard->errorText().isEmpty());
    QVERIFY2(guard, "the dialog closed although the service refused the input");
    QVERIFY2(dialog->errorText().contains(QLatin1String("ValidationException")),
             qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("name"))->text(), QStringLiteral("odd"));
    shoot(dialog, QStringLiteral("form-service-error.png"));

    type(dialog, QStringLiteral("video.width"), QStringLiteral("1280"));
    dialog->submit();
    QTRY_VERIFY(!guard); // accepted, closed, deleted
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    QCOMPARE(window.listModel()->rowJson(0).value(QLatin1String("name")).toString(),
             QStringLiteral("odd"));

    // Tags for the selected resource: the form is filled in with its ARN.
    window.table()->selectRow(0);
    const QString arn = window.listModel()->rowJson(0).value(QLatin1String("arn")).toString();
    dialog = window.openOperation(QStringLiteral("TagResource"));
    QVERIFY(dialog);
    guard = dialog;
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("resourceArn"))->text(), arn);
    type(dialog, QStringLiteral("tags"), QStringLiteral("team=live"));
    dialog->submit();
    QTRY_VERIFY(!guard);
    const QJsonObject tags =
        h.call(ivs::Operation::ListTagsForResource, {{QStringLiteral("resourceArn"), arn}});
    QCOMPARE(tags.value(QLatin1String("tags")).toObject(),
             (QJsonObject{{QStringLiteral("team"), QStringLiteral("live")}}));
    shoot(&window, QStringLiteral("forms-window.png"));

    // An ingest configuration from its form; its stream key goes to the clipboard, not the screen.
    window.categories()->setCurrentRow(5);
    QTRY_VERIFY(window.listModel()->status() == models::ResourceListModel::Status::Idle);
    dialog = window.openOperation(QStringLiteral("CreateIngestConfiguration"));
    QVERIFY(dialog);
    guard = dialog;
    type(dialog, QStringLiteral("name"), QStringLiteral("obs"));
    field<QComboBox>(dialog, QStringLiteral("ingestProtocol"))
        ->setCurrentText(QStringLiteral("RTMPS"));
    dialog->submit();
    QTRY_VERIFY(!guard);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    const QString ingestArn = window.listModel()->rowJson(0).value(QLatin1String("arn")).toString();
    const QString streamKey =
        h.call(ivs::Operation::GetIngestConfiguration, {{QStringLiteral("arn"), ingestArn}})
            .value(QLatin1String("ingestConfiguration"))
            .toObject()
            .value(QLatin1String("streamKey"))
            .toString();
    QVERIFY(!streamKey.isEmpty());
    QApplication::clipboard()->clear();
    std::optional<QString> copied;
    window.copyStreamKey(ingestArn,
                         [&](const aws::Expected<void> &e) { copied = e.error().toString(); });
    QTRY_VERIFY(copied.has_value());
    QVERIFY2(copied->isEmpty(), qPrintable(*copied));
    QCOMPARE(QApplication::clipboard()->text(), streamKey);
    // Nowhere on screen: no label, line or text view of the window holds it.
    for (const QLabel *label : window.findChildren<QLabel *>())
        QVERIFY(!label->text().contains(streamKey));
    for (const QLineEdit *line : window.findChildren<QLineEdit *>())
        QVERIFY(!line->text().contains(streamKey));
    for (const QPlainTextEdit *text : window.findChildren<QPlainTextEdit *>())
        QVERIFY(!text->toPlainText().contains(streamKey));

    // A stage made from another kind's list: the Stages list opens on it and the pane shows it
    // (the third walkthrough's pane went on showing the participant it showed before).
    dialog = window.openOperation(QStringLiteral("CreateStage"));
    QVERIFY(dialog);
    guard = dialog;
    type(dialog, QStringLiteral("name"), QStringLiteral("made-elsewhere"));
    dialog->submit();
    QTRY_VERIFY(!guard);
    QTRY_VERIFY(window.listPage() && window.listPage()->kind().kind == models::Kind::Stage);
    QTRY_VERIFY_WITH_TIMEOUT(window.detail()->identity().contains(QLatin1String(":stage/")), 10000);
    const QString stageArn = window.detail()->identity();
    QCOMPARE(h.call(ivs::Operation::GetStage, {{QStringLiteral("arn"), stageArn}})
                 .value(QLatin1String("stage"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("made-elsewhere"));
}

namespace
{

// A value of the shape, with every member present, as a user could type it: non-empty strings,
// large and small numbers, both booleans, one or two list items. Deterministic from `seed`.
QJsonValue generate(const QJsonObject &shapes, const QString &name, quint32 *seed, int depth = 0)
{
    const auto next = [seed] { return *seed = *seed * 1103515245u + 12345u, (*seed >> 8); };
    const QJsonObject shape = shapes.value(name).toObject();
    const QString type = shape.value(QLatin1String("type")).toString();
    if (type == QLatin1String("structure")) {
        QJsonObject object;
        const QJsonObject members = shape.value(QLatin1String("members")).toObject();
        for (auto it = members.begin(); it != members.end(); ++it)
            object.insert(it.key(),
                          generate(shapes,
                                   it.value().toObject().value(QLatin1String("shape")).toString(),
                                   seed, depth + 1));
        // Of the members the service takes one of (a grid or a pip layout, a channel or an s3
        // destination), the form keeps one: so does the input, chosen by the seed.
        const QStringList oneOf = name == QLatin1String("LayoutConfiguration")
                                      ? QStringList{QStringLiteral("grid"), QStringLiteral("pip")}
                                  : name == QLatin1String("DestinationConfiguration")
                                      ? QStringList{QStringLiteral("channel"), QStringLiteral("s3")}
                                      : QStringList();
        if (!oneOf.isEmpty())
            object.remove(oneOf.at(int(next() % 2)));
        return object;
    }
    if (type == QLatin1String("list") || type == QLatin1String("map")) {
        const bool isMap = type == QLatin1String("map");
        const QString item = shape.value(QLatin1String(isMap ? "value" : "member"))
                                 .toObject()
                                 .value(QLatin1String("shape"))
                                 .toString();
        QJsonArray list;
        QJsonObject map;
        const int count = 1 + int(next() % 2);
        for (int i = 0; i < count; ++i) {
            QJsonValue v = generate(shapes, item, seed, depth + 1);
            if (isMap)
                map.insert(QStringLiteral("k%1").arg(i), v);
            else if (!list.contains(v)) // a list of enum check boxes holds each value once
                list.append(v);
        }
        // A list of enum values is a set of check boxes: it reads back in the model's order.
        const QJsonArray order =
            shapes.value(item).toObject().value(QLatin1String("enum")).toArray();
        if (!isMap && !order.isEmpty()) {
            QJsonArray ordered;
            for (const QJsonValue &v : order) {
                if (list.contains(v))
                    ordered.append(v);
            }
            list = ordered;
        }
        return isMap ? QJsonValue(map) : QJsonValue(list);
    }
    if (shape.contains(QLatin1String("enum"))) {
        const QJsonArray values = shape.value(QLatin1String("enum")).toArray();
        return values[int(next() % uint(values.size()))];
    }
    if (type == QLatin1String("boolean"))
        return next() % 2 == 0;
    if (type == QLatin1String("integer") || type == QLatin1String("long"))
        return qint64(next() % 2 ? 8500000 + next() % 1000 : next() % 100);
    if (type == QLatin1String("float") || type == QLatin1String("double"))
        return (next() % 2 ? 29.97 : 1234567.125);
    if (shape.value(QLatin1String("pattern")).toString().contains(QLatin1String("\\n")))
        return QStringLiteral("-----BEGIN PUBLIC KEY-----\nAAAA%1\n-----END PUBLIC KEY-----\n")
            .arg(next());
    return QStringLiteral("v%1-%2").arg(depth).arg(next() % 100000);
}

} // namespace

// Whatever the model allows in, each form gives back unchanged: every editor kind, nested, with
// numbers that need more than six digits.
void TestForms::everyFormRoundTripsGeneratedInputs_data()
{
    everyWriteOperationHasAForm_data();
}

void TestForms::everyFormRoundTripsGeneratedInputs()
{
    QFETCH(QString, operation);
    const ivs::ModelValidator &model = ivs::ModelValidator::embedded();
    for (quint32 seed = 1; seed <= 20; ++seed) {
        quint32 state = seed * 7919u;
        const QJsonObject input =
            generate(model.shapes(), model.inputShape(operation), &state).toObject();
        OperationDialog dialog(operation, input);
        const auto read = dialog.input();
        QVERIFY2(read, qPrintable(read.message()));
        const QJsonObject back = *read;
        QVERIFY2(
            back == input,
            qPrintable(
                QStringLiteral("seed %1\nin:   %2\nback: %3")
                    .arg(seed)
                    .arg(QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact)),
                         QString::fromUtf8(QJsonDocument(back).toJson(QJsonDocument::Compact)))));
    }
}

// The composition form, filled in from the selected stage: an S3 destination with an encoder
// configuration and a picture-in-picture layout; the composition is then in its list.
void TestForms::startsACompositionThroughTheWindow()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString stageArn = h.createStage(QStringLiteral("show"));
    const QString encoderArn = h.create(ivs::Operation::CreateEncoderConfiguration);
    const QString storageArn =
        h.create(ivs::Operation::CreateStorageConfiguration,
                 {{QStringLiteral("s3"),
                   QJsonObject{{QStringLiteral("bucketName"), QStringLiteral("recordings")}}}});
    QVERIFY(!encoderArn.isEmpty() && !storageArn.isEmpty());

    LocalConsole window(h.service()->url());
    QTRY_VERIFY(window.listModel() && window.listModel()->rowCount() == 1);
    window.table()->selectRow(0);

    OperationDialog *dialog = window.openOperation(QStringLiteral("StartComposition"));
    QVERIFY(dialog);
    QPointer<OperationDialog> guard(dialog);
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("stageArn"))->text(), stageArn);
    const QString idempotencyToken =
        dialog->findChild<QLineEdit *>(QStringLiteral("idempotencyToken"))->text();
    QCOMPARE(idempotencyToken.size(), 36); // a fresh UUID
    field<QPushButton>(dialog, QStringLiteral("destinations.add"))->click();
    tick(dialog, QStringLiteral("destinations[0].s3"));
    // The ARNs are picked from what exists, not typed: each field's chooser lists them.
    const auto choose = [&](const QString &path, const QString &arn) {
        auto *button = field<QToolButton>(dialog, path + QStringLiteral(".choose"));
        QVERIFY(button && button->menu());
        emit button->menu()->aboutToShow();
        const QList<QAction *> actions = button->menu()->actions();
        const auto it = std::find_if(actions.begin(), actions.end(),
                                     [&](QAction *a) { return a->text().contains(arn); });
        QVERIFY2(it != actions.end(), qPrintable(path));
        (*it)->trigger();
    };
    QTRY_COMPARE(dialog->choices()->forMember(QStringLiteral("storageConfigurationArn")).size(), 1);
    QTRY_COMPARE(dialog->choices()->forMember(QStringLiteral("encoderConfigurationArns")).size(),
                 1);
    choose(QStringLiteral("destinations[0].s3.storageConfigurationArn"), storageArn);
    choose(QStringLiteral("destinations[0].s3.encoderConfigurationArns"), encoderArn);
    QCOMPARE(field<QLineEdit>(dialog, QStringLiteral("destinations[0].s3.storageConfigurationArn"))
                 ->text(),
             storageArn);
    QCOMPARE(
        field<QPlainTextEdit>(dialog, QStringLiteral("destinations[0].s3.encoderConfigurationArns"))
            ->toPlainText(),
        encoderArn);
    tick(dialog, QStringLiteral("layout"));
    tick(dialog, QStringLiteral("layout.pip"));
    field<QComboBox>(dialog, QStringLiteral("layout.pip.pipPosition"))
        ->setCurrentText(QStringLiteral("TOP_LEFT"));
    QTRY_VERIFY(field<QGroupBox>(dialog, QStringLiteral("destinations[0]"))->isVisible());
    dialog->resize(640, 1100);
    QTest::qWait(50); // let the layout settle before the screenshot
    shoot(dialog, QStringLiteral("form-StartComposition-filled.png"));
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->errorText().isEmpty(), 10000);
    QVERIFY2(!guard, qPrintable(guard ? guard->errorText() : QString()));

    const QJsonArray compositions =
        h.call(ivs::Operation::ListCompositions, {}).value(QLatin1String("compositions")).toArray();
    QCOMPARE(compositions.size(), 1);
    const QString compositionArn =
        compositions[0].toObject().value(QLatin1String("arn")).toString();
    const QJsonObject composition =
        h.call(ivs::Operation::GetComposition, {{QStringLiteral("arn"), compositionArn}})
            .value(QLatin1String("composition"))
            .toObject();
    QCOMPARE(composition.value(QLatin1String("stageArn")).toString(), stageArn);
    QCOMPARE(composition.value(QLatin1String("layout"))
                 .toObject()
                 .value(QLatin1String("pip"))
                 .toObject()
                 .value(QLatin1String("pipPosition"))
                 .toString(),
             QStringLiteral("TOP_LEFT"));
    QCOMPARE(composition.value(QLatin1String("destinations")).toArray().size(), 1);

    // On the compositions page the toolbar says Stop, and a stopped composition stays in the
    // pane, as it is on the service (the pane had gone blank with the row still selected).
    QVERIFY(window.showKind(models::Kind::Composition));
    QCOMPARE(window.action(QStringLiteral("delete"))->text(), QStringLiteral("&Stop…"));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 1, 10000);
    window.table()->selectRow(0);
    QTRY_COMPARE_WITH_TIMEOUT(window.detail()->identity(), compositionArn, 10000);
    QString asked;
    answerNextBox(&window, QMessageBox::DestructiveRole, &asked);
    window.removeSelected();
    QVERIFY2(asked.contains(QLatin1String("Stop")), qPrintable(asked));
    QTRY_VERIFY_WITH_TIMEOUT(window.detail()
                                 ->resource()
                                 .value(QLatin1String("state"))
                                 .toString()
                                 .startsWith(QLatin1String("STOP")),
                             10000);
    QCOMPARE(window.detail()->identity(), compositionArn);
    QVERIFY(window.showKind(models::Kind::Stage));
    QCOMPARE(window.action(QStringLiteral("delete"))->text(), QStringLiteral("&Delete…"));
}

// An update form opens read-only, fills in from GetStage, and sends the ARN and what changed:
// renaming a stage must not re-send its recording settings (a ConflictException while recording).
void TestForms::updateShowsTheCurrentValuesAndSendsOnlyChanges()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    const QString storageArn =
        h.create(ivs::Operation::CreateStorageConfiguration,
                 {{QStringLiteral("s3"),
                   QJsonObject{{QStringLiteral("bucketName"), QStringLiteral("rec")}}}});
    const QString stageArn =
        h.create(ivs::Operation::CreateStage,
                 {{QStringLiteral("name"), QStringLiteral("before")},
                  {QStringLiteral("autoParticipantRecordingConfiguration"),
                   QJsonObject{{QStringLiteral("storageConfigurationArn"), storageArn}}}});
    QVERIFY(!stageArn.isEmpty());

    LocalConsole window(h.service()->url());
    QTRY_VERIFY(window.listModel() && window.listModel()->rowCount() == 1);
    window.table()->selectRow(0);
    OperationDialog *dialog = window.openOperation(QStringLiteral("UpdateStage"));
    QVERIFY(dialog);
    QPointer<OperationDialog> guard(dialog);
    auto *recording =
        field<QGroupBox>(dialog, QStringLiteral("autoParticipantRecordingConfiguration"));
    QTRY_VERIFY(recording->isChecked());
    QCOMPARE(
        field<QLineEdit>(
            dialog, QStringLiteral("autoParticipantRecordingConfiguration.storageConfigurationArn"))
            ->text(),
        storageArn);
    QCOMPARE(field<QLineEdit>(dialog, QStringLiteral("name"))->text(), QStringLiteral("before"));
    shoot(dialog, QStringLiteral("form-UpdateStage-current.png"));

    type(dialog, QStringLiteral("name"), QStringLiteral("after"));
    QSignalSpy submitted(dialog, &OperationDialog::submitted);
    dialog->submit();
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.first().first().toJsonObject(),
             (QJsonObject{{QStringLiteral("arn"), stageArn},
                          {QStringLiteral("name"), QStringLiteral("after")}}));
    QTRY_VERIFY(!guard);
    const QJsonObject stage = h.call(ivs::Operation::GetStage, {{QStringLiteral("arn"), stageArn}})
                                  .value(QLatin1String("stage"))
                                  .toObject();
    QCOMPARE(stage.value(QLatin1String("name")).toString(), QStringLiteral("after"));
    QCOMPARE(stage.value(QLatin1String("autoParticipantRecordingConfiguration"))
                 .toObject()
                 .value(QLatin1String("storageConfigurationArn"))
                 .toString(),
             storageArn);

    // Turning recording off: the storage ARN emptied is sent as "", which is how the API says it.
    window.table()->selectRow(0);
    dialog = window.openOperation(QStringLiteral("UpdateStage"));
    guard = dialog;
    auto *storageField = field<QLineEdit>(
        dialog, QStringLiteral("autoParticipantRecordingConfiguration.storageConfigurationArn"));
    QTRY_COMPARE(storageField->text(), storageArn);
    storageField->clear();
    QSignalSpy submittedOff(dialog, &OperationDialog::submitted);
    dialog->submit();
    QCOMPARE(submittedOff.size(), 1);
    QCOMPARE(submittedOff.first()
                 .first()
                 .toJsonObject()
                 .value(QLatin1String("autoParticipantRecordingConfiguration"))
                 .toObject()
                 .value(QLatin1String("storageConfigurationArn")),
             QJsonValue(QString()));
    QTRY_VERIFY(!guard);
    QCOMPARE(h.call(ivs::Operation::GetStage, {{QStringLiteral("arn"), stageArn}})
                 .value(QLatin1String("stage"))
                 .toObject()
                 .value(QLatin1String("autoParticipantRecordingConfiguration"))
                 .toObject()
                 .value(QLatin1String("storageConfigurationArn"))
                 .toString(),
             QString());

    // What a context menu passes (a replica's source, say) goes over what the selection gives.
    window.table()->selectRow(0);
    dialog =
        window.openOperation(QStringLiteral("StopParticipantReplication"),
                             {{QStringLiteral("participantId"), QStringLiteral("abcdEFGH1234")},
                              {QStringLiteral("destinationStageArn"), QStringLiteral("arn:dest")}});
    QVERIFY(dialog);
    QCOMPARE(field<QLineEdit>(dialog, QStringLiteral("sourceStageArn"))->text(), stageArn);
    QCOMPARE(field<QLineEdit>(dialog, QStringLiteral("destinationStageArn"))->text(),
             QStringLiteral("arn:dest"));
    QCOMPARE(field<QLineEdit>(dialog, QStringLiteral("participantId"))->text(),
             QStringLiteral("abcdEFGH1234"));
    dialog->done(QDialog::Rejected);
}

// Delete on a selected row asks first: Cancel keeps it; confirming removes it.
void TestForms::deleteKeyAsksFirst()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    h.call(ivs::Operation::CreateEncoderConfiguration,
           {{QStringLiteral("name"), QStringLiteral("spare")}});
    LocalConsole window(h.service()->url());
    window.categories()->setCurrentRow(2);
    QTRY_VERIFY(window.listModel() && window.listModel()->rowCount() == 1);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.table()->setFocus();
    window.table()->selectRow(0);

    QString asked;
    const auto answer = [&](bool confirm) {
        answerNextBox(&window, confirm ? QMessageBox::DestructiveRole : QMessageBox::RejectRole,
                      &asked);
    };
    answer(false);
    QTest::keyClick(window.table(), Qt::Key_Delete);
    QVERIFY2(asked.contains(QLatin1String("Delete encoder configuration spare?")),
             qPrintable(asked));
    QTest::qWait(200);
    QCOMPARE(h.call(ivs::Operation::ListEncoderConfigurations, {})
                 .value(QLatin1String("encoderConfigurations"))
                 .toArray()
                 .size(),
             1);
    asked.clear();
    answer(true);
    window.activateWindow(); // the closed box left no active window on this platform
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.table()->setFocus();
    QTest::keyClick(window.table(), Qt::Key_Delete);
    QVERIFY(!asked.isEmpty());
    QTRY_COMPARE(window.listModel()->rowCount(), 0);
    QCOMPARE(h.call(ivs::Operation::ListEncoderConfigurations, {})
                 .value(QLatin1String("encoderConfigurations"))
                 .toArray()
                 .size(),
             0);
}

void TestForms::cancelAsksBeforeDiscardingTypedText()
{
    QString asked;
    {
        OperationDialog untouched(QStringLiteral("CreateStage"),
                                  {{QStringLiteral("name"), QStringLiteral("given")}});
        untouched.show();
        untouched.reject(); // nothing typed (a prefill is not typing): closes at once
        QCOMPARE(untouched.result(), int(QDialog::Rejected));
        QVERIFY(untouched.isHidden());
    }
    OperationDialog dialog(QStringLiteral("CreateStage"), {});
    dialog.show();
    type(&dialog, QStringLiteral("name"), QStringLiteral("typed"));
    answerNextBox(&dialog, QMessageBox::RejectRole, &asked); // "Keep editing"
    dialog.reject();
    QVERIFY2(asked.contains(QLatin1String("Discard")), qPrintable(asked));
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("name"))->text(),
             QStringLiteral("typed"));
    asked.clear();
    answerNextBox(&dialog, QMessageBox::DestructiveRole, &asked); // "Discard"
    dialog.reject();
    QVERIFY(!asked.isEmpty());
    QVERIFY(dialog.isHidden());
}

// The first administration walkthrough: a create refused by the service showed nothing (the
// reason sat under the scrolled fields), the focus was left on Cancel, Enter then discarded
// everything, and typing in a new form went nowhere until a Tab.
void TestForms::refusedCreateSaysWhyInSight()
{
    OperationDialog dialog(QStringLiteral("CreateStage"), {});
    dialog.resize(640, 420);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("name"));
    QCOMPARE(QApplication::focusWidget(), name);

    // A tag key AWS reserves is refused at its field, before anything is sent.
    QSignalSpy submitted(&dialog, &OperationDialog::submitted);
    type(&dialog, QStringLiteral("tags"), QStringLiteral("team=ops\naws:owner=me"));
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("tags, line 2: the tag key “aws:owner”")),
             qPrintable(dialog.errorText()));

    type(&dialog, QStringLiteral("tags"), QString());
    auto *recording =
        dialog.findChild<QGroupBox *>(QStringLiteral("autoParticipantRecordingConfiguration"));
    QVERIFY(recording);
    recording->setChecked(true);
    // Ticked with no storage configuration: refused at the field (it was sent as "", which the
    // service reads as recording off, under an "on" tick).
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QVERIFY2(dialog.errorText().contains(
                 QStringLiteral("autoParticipantRecordingConfiguration.storageConfigurationArn: "
                                "required while")),
             qPrintable(dialog.errorText()));
    type(&dialog, QStringLiteral("autoParticipantRecordingConfiguration.storageConfigurationArn"),
         QStringLiteral("arn:aws:ivs:us-east-1:123456789012:storage-configuration/abcdABCDefgh"));
    name->setFocus();
    dialog.submit();
    QCOMPARE(submitted.size(), 1);
    dialog.finish(QStringLiteral("ValidationException: storage configuration abcdABCDefgh is in "
                                 "another region"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(error && error->isVisible());
    // In the dialog's own rectangle, not under the scrolled fields.
    const QRect shown(error->mapTo(&dialog, QPoint(0, 0)), error->size());
    QVERIFY2(dialog.rect().contains(shown), qPrintable(QStringLiteral("%1,%2 %3x%4 in %5x%6")
                                                           .arg(shown.x())
                                                           .arg(shown.y())
                                                           .arg(shown.width())
                                                           .arg(shown.height())
                                                           .arg(dialog.width())
                                                           .arg(dialog.height())));
    QVERIFY(!dialog.findChild<QScrollArea *>()->isAncestorOf(error));
    QVERIFY(shownText(error).contains(QLatin1String("another region")));
    shoot(&dialog, QStringLiteral("forms-refused-create.png"));
    // The focus is back where the user was, not on a button an Enter would press.
    QCOMPARE(QApplication::focusWidget(), name);

    // Esc, then Enter on the question: the form is kept.
    QString asked;
    auto *poll = new QTimer(&dialog);
    poll->start(10);
    connect(poll, &QTimer::timeout, [&asked, poll] {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(top);
            if (!box || !box->isVisible())
                continue;
            poll->deleteLater();
            asked = box->defaultButton() ? box->defaultButton()->text() : QStringLiteral("none");
            QTest::keyClick(box, Qt::Key_Return);
            return;
        }
    });
    dialog.reject();
    QCOMPARE(asked, QStringLiteral("Keep editing"));
    QVERIFY(dialog.isVisible());
}

// A layout is grid or pip, a destination channel or s3: ticking one unticks the other (the
// walkthrough ticked both). A wheel over a choice scrolls the form unless the choice has the
// focus (it had turned "Record participant replicas" to false unseen).
void TestForms::oneOfSectionsAndTheWheel()
{
    OperationDialog dialog(QStringLiteral("StartComposition"), {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    tick(&dialog, QStringLiteral("layout"));
    auto *grid = field<QGroupBox>(&dialog, QStringLiteral("layout.grid"));
    auto *pip = field<QGroupBox>(&dialog, QStringLiteral("layout.pip"));
    QVERIFY(grid && pip);
    grid->setChecked(true);
    pip->setChecked(true);
    QVERIFY(!grid->isChecked());
    grid->setChecked(true);
    QVERIFY(!pip->isChecked());
    const auto read = dialog.input();
    QVERIFY2(read, qPrintable(read.message()));
    QCOMPARE(read->value(QLatin1String("layout")).toObject().keys(),
             QStringList{QStringLiteral("grid")});
    field<QPushButton>(&dialog, QStringLiteral("destinations.add"))->click();
    auto *channel = field<QGroupBox>(&dialog, QStringLiteral("destinations[0].channel"));
    auto *s3 = field<QGroupBox>(&dialog, QStringLiteral("destinations[0].s3"));
    QVERIFY(channel && s3);
    channel->setChecked(true);
    s3->setChecked(true);
    QVERIFY(!channel->isChecked());

    OperationDialog stage(QStringLiteral("CreateStage"), {});
    stage.show();
    QVERIFY(QTest::qWaitForWindowActive(&stage));
    tick(&stage, QStringLiteral("autoParticipantRecordingConfiguration"));
    auto *replicas = field<QComboBox>(
        &stage, QStringLiteral("autoParticipantRecordingConfiguration.recordParticipantReplicas"));
    QVERIFY(replicas);
    QCoreApplication::processEvents();
    const int before = replicas->currentIndex();
    const auto turn = [replicas] {
        const QPoint at = replicas->rect().center();
        QWheelEvent wheel(at, replicas->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(replicas, &wheel);
    };
    field<QLineEdit>(&stage, QStringLiteral("name"))->setFocus();
    turn();
    QCOMPARE(replicas->currentIndex(), before);
    replicas->setFocus();
    QTRY_VERIFY(replicas->hasFocus());
    turn();
    QVERIFY(replicas->currentIndex() != before);
}

// CreateStage with token configurations answers with the tokens, which the service cannot give
// again: they are offered once, to copy, and never shown in clear.
void TestForms::newStageOffersItsTokensOnce()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    LocalConsole window(h.service()->url());
    QTRY_VERIFY(window.listModel() &&
                window.listModel()->status() == models::ResourceListModel::Status::Idle);
    OperationDialog *dialog = window.openOperation(QStringLiteral("CreateStage"));
    QVERIFY(dialog);
    QPointer<OperationDialog> guard(dialog);
    type(dialog, QStringLiteral("name"), QStringLiteral("panel"));
    auto *add = field<QPushButton>(dialog, QStringLiteral("participantTokenConfigurations.add"));
    add->click();
    add->click();
    type(dialog, QStringLiteral("participantTokenConfigurations[0].userId"),
         QStringLiteral("host"));
    type(dialog, QStringLiteral("participantTokenConfigurations[1].userId"),
         QStringLiteral("guest"));
    dialog->submit();
    QTRY_VERIFY(!guard);
    ui::IssuedTokensDialog *tokens = nullptr;
    QTRY_VERIFY((tokens = window.findChild<ui::IssuedTokensDialog *>()) && tokens->isVisible());
    QCOMPARE(tokens->table()->rowCount(), 2);
    QCOMPARE(tokens->table()->item(0, 0)->text(), QStringLiteral("host"));
    const QString participantId = tokens->table()->item(0, 1)->text();
    QVERIFY(!participantId.isEmpty());

    QApplication::clipboard()->clear();
    field<QPushButton>(tokens, QStringLiteral("copy0"))->click();
    const QString token = QApplication::clipboard()->text();
    const QStringList parts = token.split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const QJsonObject claims =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    QCOMPARE(claims.value(QLatin1String("jti")).toString(), participantId);
    for (int row = 0; row < tokens->table()->rowCount(); ++row) {
        for (int column = 0; column < 4; ++column)
            QVERIFY(!tokens->table()->item(row, column)->text().contains(parts[2]));
    }
    for (const QLabel *label : tokens->findChildren<QLabel *>())
        QVERIFY(!label->text().contains(parts[2]));
    shoot(tokens, QStringLiteral("issued-tokens.png"));

    // The new stage is selected in the Stages list it was made from, and shown in the pane.
    tokens->close();
    QTRY_COMPARE_WITH_TIMEOUT(
        window.listPage()->selectedRow().value(QLatin1String("name")).toString(),
        QStringLiteral("panel"), 10000);
    QTRY_VERIFY(window.detail()->identity().startsWith(QLatin1String("arn:aws:ivs:")));
}

// "Create participant token…" opens the shown-once token dialog for the selected stage; with no
// stage selected it says what to do instead of opening an empty form.
void TestForms::participantTokenNeedsAStage()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    h.createStage(QStringLiteral("tokens"));
    LocalConsole window(h.service()->url());
    QTRY_VERIFY(window.listModel() && window.listModel()->rowCount() == 1);

    window.table()->clearSelection();
    QVERIFY(!window.openOperation(QStringLiteral("CreateParticipantToken")));
    QVERIFY(!window.findChild<ui::TokenDialog *>());
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
        return l->text().contains(QLatin1String("select a stage first"));
    }));

    window.table()->selectRow(0);
    QVERIFY(!window.openOperation(QStringLiteral("CreateParticipantToken")));
    ui::TokenDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ui::TokenDialog *>()) && dialog->isVisible());
}

// A PEM public key spans lines: its field keeps them, so the pasted key imports.
void TestForms::importsAPemKeyWithItsNewlines()
{
    LocalHarness h;
    QVERIFY2(h.ok(), qPrintable(h.error()));
    LocalConsole window(h.service()->url());
    window.categories()->setCurrentRow(4); // public keys
    QTRY_VERIFY(window.listModel() &&
                window.listModel()->status() == models::ResourceListModel::Status::Idle);
    OperationDialog *dialog = window.openOperation(QStringLiteral("ImportPublicKey"));
    QVERIFY(dialog);
    QPointer<OperationDialog> guard(dialog);
    const QString pem = QString::fromLatin1(local::Es384Key::generate().publicPem());
    QVERIFY(pem.count(QLatin1Char('\n')) >= 3);
    auto *material = field<QPlainTextEdit>(dialog, QStringLiteral("publicKeyMaterial"));
    QVERIFY(material);
    // Not a key: said in words (what a PEM public key looks like), not "not in a form".
    material->setPlainText(QStringLiteral("ssh-ed25519 AAAAC3Nza me@host"));
    type(dialog, QStringLiteral("name"), QStringLiteral("signer"));
    dialog->submit();
    QVERIFY2(dialog->errorText().contains(QStringLiteral("must be a PEM public key (P-384")),
             qPrintable(dialog->errorText()));
    // "From file…" reads a .pem file into the field (off the GUI thread).
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("signer.pem"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(pem.toLatin1());
    }
    QTimer::singleShot(0, dialog, [file] {
        QFileDialog *chooser = nullptr;
        QTRY_VERIFY((chooser = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())));
        chooser->selectFile(file);
        static_cast<QDialog *>(chooser)->accept(); // QFileDialog::accept: the chosen file
    });
    field<QPushButton>(dialog, QStringLiteral("publicKeyMaterial.fromFile"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(material->toPlainText(), pem.trimmed(), 10000);
    material->setPlainText(pem);
    QCOMPARE(
        dialog->input().valueOr(QJsonObject()).value(QLatin1String("publicKeyMaterial")).toString(),
        pem);
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->errorText().isEmpty(), 10000);
    QVERIFY2(!guard, qPrintable(guard ? guard->errorText() : QString()));
    QTRY_COMPARE(window.listModel()->rowCount(), 1);
    QCOMPARE(window.listModel()->rowJson(0).value(QLatin1String("name")).toString(),
             QStringLiteral("signer"));
}

QTEST_MAIN(TestForms)
#include "tst_forms.moc"
