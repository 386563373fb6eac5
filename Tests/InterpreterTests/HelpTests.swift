import Interpreter
import XCTest

final class HelpTests: XCTestCase {
  func testOverview() {
    XCTAssertEqual(
      HelpText.overview(of: .standard),
      """
      Verbs ('help VERB' or 'VERB?' shows a verb's keys):
        load      Load a TU dataset by name, downloading it if need be.
        datasets  List the datasets on disk and those 'load' would download.
        set       Set settings and variables for the commands that follow.
        teacher   Train the label-attentive teacher on the loaded dataset.
        distill   Train a student on the teacher's embeddings.
        baseline  Train the backbone alone, without label attention.
        repeat    Run a block of commands once per seed.
        folds     Show the kfold folds of the seed, save them, or load saved ones.
        evaluate  Report the test metrics of the trained models.
        compare   Train baseline, teacher and student per dataset and backbone; tabulate.
        save      Save a trained model's weights and settings (safetensors).
        open      Restore a model saved with 'save', with its dataset and split.
        show      List the session's state: dataset, split, models and figures.
        history   List the commands run so far, or save them as a script.
        time      Run a command and print its wall time.
        draw      Draw a graph, or the graphs the teacher attends to most sharply.
        plot      Plot graph embeddings in 2-D, training curves, or ROC curves.
        report    Write the session so far, pictures included, as one HTML page.
        help      List the verbs, or show one verb's keys.
        quit      Leave lad.

      One command a line, or several separated by ';'. Keys are written
      key=value; '#' starts a comment; $name reads a variable set by 'set'.

      """)
  }

  func testVerbUsage() throws {
    let distill = try XCTUnwrap(VerbTable.standard.verb(named: "distill"))
    XCTAssertEqual(
      HelpText.usage(of: distill),
      """
      usage: distill [key=value ...]
        Train a student on the teacher's embeddings.

      keys:
        backbone=NAME  the student's backbone, distilled before pooling (default: the teacher's)
                       one of: gcn gat sage gin pna dgcnn sagpool mewispool
        lr=FLOAT       learning rate of Adam (default: 0.001)
        epochs=INT     most epochs to train (default: 300)
        patience=INT   epochs without a lower validation loss before stopping (default: 50)
        dropout=FLOAT  dropout rate (default: 0.5)
        batch=INT      graphs per mini-batch (default: 32)
        wd=FLOAT       weight decay of Adam (default: 5e-5)
        lambda=FLOAT   weight of the distillation loss (MSE to the teacher) (default: 1.0)
        head=NAME      the teacher's head frozen, a tuned copy, or a fresh one (default: shared)
                       one of: shared tuned own
        variant=NAME   'reference': graph-vector MSE and a fresh head (default: the teacher's)
                       one of: paper reference
        protocol=NAME  holdout (an 80/10/10 split) or kfold (a model per fold) (default: holdout)
                       one of: holdout kfold

      example:
        distill lambda=10

      """)
  }

  func testEveryVerbHasHelpWithItsKeysAndExample() throws {
    for verb in VerbTable.standard.verbs {
      let text = HelpText.usage(of: verb)
      XCTAssertTrue(text.hasPrefix("usage: \(verb.name)"))
      XCTAssertTrue(text.contains(verb.example))
      for key in verb.keys { XCTAssertTrue(text.contains("  \(key.name)="), key.name) }
      // the example itself resolves
      let parsed = try Parser.parse(verb.example, file: "example")[0]
      let example = Interpreter.unwrapTime(parsed) ?? parsed
      XCTAssertNoThrow(try Resolver().resolve(example, variables: ["seed": .int(1)]))
    }
  }

  func testHelpVerbAndQuestionMarkPrintTheSame() {
    let a = Harness()
    let b = Harness()
    _ = a.runScript("help teacher")
    _ = b.runScript("teacher?")
    XCTAssertEqual(a.output.text, b.output.text)
    // keys align on the widest, train_eps=BOOL
    XCTAssertTrue(a.output.text.contains("  tau=FLOAT       temperature of the label attention"))
  }
}
