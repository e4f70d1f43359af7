// Every API request is a command (changes something) or a query (reads); both answer with an HTTP result,
// so a handler returns its error as a ProblemDetails value instead of throwing.
using Mediator;

namespace Approvals.Host.Requests;

public interface IApiCommand : ICommand<IResult>;

public interface IApiQuery : IQuery<IResult>;
